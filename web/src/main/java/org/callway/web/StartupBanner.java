package org.callway.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.callway.config.ServerSettings;

/** Prints where to point a client once the web module, the last to start, is up. */
@WebListener
public class StartupBanner implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerSettings s = ServerSettings.current();
        LOG.info(() -> String.join(System.lineSeparator(),
                "Callway is ready:",
                "  softphone           " + s.softphoneUrl() + "  (alice / alice-secret, then call 600)",
                "  SIP over WebSocket  " + s.wsUrl() + "   " + s.wssUrl(),
                "  admin console       " + s.consoleUrl() + "  (user admin, password callway-admin)",
                "  admin API           " + s.apiUrl() + "  (user admin, password callway-admin)",
                "  health              " + s.apiUrl() + "/health",
                // Management interface: loopback only, whatever the bind address.
                "  readiness, metrics  http://127.0.0.1:9990/health/ready   http://127.0.0.1:9990/metrics"));
    }
}
