package org.callway.media.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaConnectionFactory;

/** What {@code java:/eis/callway/Media} holds: every getConnection() goes through the pool. */
public class MediaConnectionFactoryImpl implements MediaConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final transient MediaManagedConnectionFactory factory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    MediaConnectionFactoryImpl(MediaManagedConnectionFactory factory, ConnectionManager connectionManager) {
        this.factory = factory;
        this.connectionManager = connectionManager;
    }

    @Override
    public MediaConnection getConnection() throws ResourceException {
        return (MediaConnection) connectionManager.allocateConnection(factory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
