package org.callway.peer;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.callway.config.PeerDefaults;

/**
 * Seeds the demo peers into an empty database on first start, so the run command has
 * someone to register as; a database that already has peers is left alone.
 */
@Singleton
@Startup
public class DemoPeerSeeder {

    private static final Logger LOG = Logger.getLogger(DemoPeerSeeder.class.getName());

    @Inject
    PeerRepository peers;

    @Inject
    PeerService service;

    @PostConstruct
    void seed() {
        if (peers.count() == 0) {
            for (PeerDefaults d : PeerDefaults.demo()) {
                service.create(new PeerDraft(d.name(), d.number(), new Credential.Secret(d.secret()), d.transports(),
                        d.avpf(), d.encryption(), d.nat(), d.context(), d.codecs(), PeerDraft.DYNAMIC));
            }
            LOG.info(() -> "Seeded demo peers " + PeerDefaults.demo().stream().map(PeerDefaults::name).toList());
        }
    }
}
