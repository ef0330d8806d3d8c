package org.callway.media.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaConnectionFactory;

/**
 * Hands out handles onto the adapter's one media engine. Every managed connection is
 * equivalent (no credentials, no per-connection state), so any pooled one matches.
 */
@ConnectionDefinition(
        connectionFactory = MediaConnectionFactory.class,
        connectionFactoryImpl = MediaConnectionFactoryImpl.class,
        connection = MediaConnection.class,
        connectionImpl = MediaConnectionImpl.class)
public class MediaManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient MediaResourceAdapter adapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new MediaConnectionFactoryImpl(this, connectionManager);
    }

    /** Outside a container there is no pool; Callway always runs inside one. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("Callway media runs only in a managed environment");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new MediaManagedConnection(this);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof MediaManagedConnection connection && connection.factory() == this) {
                return connection;
            }
        }
        return null;
    }

    MediaResourceAdapter adapter() {
        return adapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.adapter = (MediaResourceAdapter) adapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    // No configuration of its own: all factories of one adapter are interchangeable.
    @Override
    public boolean equals(Object other) {
        return other instanceof MediaManagedConnectionFactory;
    }

    @Override
    public int hashCode() {
        return MediaManagedConnectionFactory.class.hashCode();
    }
}
