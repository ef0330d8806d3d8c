package org.callway.media.ra;

import java.net.InetSocketAddress;
import java.util.List;
import org.callway.media.api.MediaConnection;

/** The handle callers hold; invalid once closed or cleaned up by the pool. */
public class MediaConnectionImpl implements MediaConnection {

    private volatile MediaManagedConnection managed;

    MediaConnectionImpl(MediaManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public List<InetSocketAddress> mediaAddresses() {
        return live().adapter().mediaAddresses();
    }

    @Override
    public void close() {
        MediaManagedConnection current = managed;
        if (current != null) {
            managed = null;
            current.closed(this);
        }
    }

    void reassociate(MediaManagedConnection to) {
        managed = to;
    }

    void invalidate() {
        managed = null;
    }

    private MediaManagedConnection live() {
        MediaManagedConnection current = managed;
        if (current == null) {
            throw new IllegalStateException("media connection is closed");
        }
        return current;
    }
}
