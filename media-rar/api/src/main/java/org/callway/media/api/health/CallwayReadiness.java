package org.callway.media.api.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to take calls: the media adapter answers with its bound sockets and the datasource gives
 * a valid connection. Served by WildFly at {@code http://127.0.0.1:9990/health/ready}; a load
 * balancer stops sending clients while either is down. It lives in the EAR's lib because
 * WildFly's MicroProfile Health finds checks only there, not in the ejb or web modules
 * (WFLY-12835); so it reaches both resources by JNDI rather than through ejb's beans.
 */
@Readiness
@ApplicationScoped
public class CallwayReadiness implements HealthCheck {

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    MediaConnectionFactory media;

    @Resource(lookup = "java:jboss/datasources/CallwayDS")
    DataSource database;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("callway");
        boolean up;
        try (MediaConnection connection = media.getConnection()) {
            List<InetSocketAddress> sockets = connection.mediaAddresses();
            response.withData("media", sockets.isEmpty() ? "no sockets" : String.join(" ", sockets.stream()
                    .map(a -> "udp/" + a.getAddress().getHostAddress() + ":" + a.getPort()).toList()));
            up = !sockets.isEmpty();
        } catch (Exception e) {
            response.withData("media", "not answering: " + e.getMessage());
            up = false;
        }
        try (Connection c = database.getConnection()) {
            boolean valid = c.isValid(2);
            response.withData("database", valid ? "UP" : "connection not valid");
            up &= valid;
        } catch (Exception e) {
            response.withData("database", "not answering: " + e.getMessage());
            up = false;
        }
        return response.status(up).build();
    }
}
