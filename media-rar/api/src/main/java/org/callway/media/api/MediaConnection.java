package org.callway.media.api;

import java.net.InetSocketAddress;
import java.util.List;

/** A handle onto the adapter's media engine. Not thread-safe; one per use. */
public interface MediaConnection extends AutoCloseable {

    /** The shared UDP sockets the adapter has bound for media, as bound (real ports). */
    List<InetSocketAddress> mediaAddresses();

    /** Returns the handle to the pool; the engine and its sockets stay up. */
    @Override
    void close();
}
