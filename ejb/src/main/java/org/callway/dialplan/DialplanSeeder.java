package org.callway.dialplan;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.callway.config.DialplanDefaults;

/** Seeds the demo dial plan (600 echo, 601 playback, 1XXX peers) into an empty database. */
@Singleton
@Startup
public class DialplanSeeder {

    @Inject
    Dialplan dialplan;

    @PostConstruct
    void seed() {
        if (dialplan.count() == 0) {
            for (DialplanDefaults d : DialplanDefaults.demo()) {
                dialplan.add(new DialplanEntry(d.context(), d.extension(),
                        DialplanEntry.Application.valueOf(d.application()), d.argument()));
            }
        }
    }
}
