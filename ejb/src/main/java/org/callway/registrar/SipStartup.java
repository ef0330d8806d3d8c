package org.callway.registrar;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Brings the SIP services up with the application, before the first message arrives. */
@Singleton
@Startup
public class SipStartup {

    @Inject
    RegistrarBean registrar;

    @Inject
    org.callway.call.CallService calls;

    @PostConstruct
    void start() {
        registrar.install();
        calls.install();
    }
}
