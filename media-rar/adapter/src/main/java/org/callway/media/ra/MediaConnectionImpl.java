package org.callway.media.ra;

import java.net.InetSocketAddress;
import java.util.List;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LegStats;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Prompt;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaEventListener;
import org.callway.media.api.RemoteParameters;

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
    public LegId allocate(LegKind kind, IceRole role, MediaEventListener listener) {
        return engine().allocate(kind, role, listener);
    }

    @Override
    public LocalParameters localParameters(LegId leg) {
        return engine().localParameters(leg);
    }

    @Override
    public void remoteParameters(LegId leg, RemoteParameters remote) {
        engine().remoteParameters(leg, remote);
    }

    @Override
    public void addRemoteCandidate(LegId leg, IceCandidate candidate) {
        engine().addRemoteCandidate(leg, candidate);
    }

    @Override
    public LocalParameters restartIce(LegId leg) {
        return engine().restartIce(leg);
    }

    @Override
    public void formats(LegId leg, List<PayloadFormat> formats) {
        engine().formats(leg, formats);
    }

    @Override
    public void play(LegId leg, Prompt prompt) {
        engine().play(leg, prompt);
    }

    @Override
    public void bridge(LegId a, LegId b) {
        engine().bridge(a, b);
    }

    @Override
    public void echo(LegId leg) {
        engine().echo(leg);
    }

    @Override
    public void closeLeg(LegId leg) {
        engine().closeLeg(leg);
    }

    @Override
    public LegStats stats(LegId leg) {
        return engine().stats(leg);
    }

    @Override
    public int legCount() {
        return engine().legCount();
    }

    private MediaEngine engine() {
        return live().adapter().engine();
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
