package org.callway.media;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.util.List;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaConnectionFactory;

/** ejb's door to the media resource adapter. */
@ApplicationScoped
public class MediaService {

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    MediaConnectionFactory factory;

    /** The adapter's bound media sockets. */
    public List<InetSocketAddress> mediaAddresses() throws ResourceException {
        try (MediaConnection connection = factory.getConnection()) {
            return connection.mediaAddresses();
        }
    }
}
