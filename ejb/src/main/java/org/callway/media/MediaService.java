package org.callway.media;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LegStats;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaConnectionFactory;
import org.callway.media.api.MediaEventListener;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Prompt;
import org.callway.media.api.RemoteParameters;

/**
 * ejb's door to the media resource adapter. Each call takes a pooled handle for just that
 * operation: legs belong to the engine and outlive handles.
 */
@ApplicationScoped
public class MediaService {

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    MediaConnectionFactory factory;

    /** The adapter's bound media sockets. */
    public List<InetSocketAddress> mediaAddresses() throws ResourceException {
        return with(MediaConnection::mediaAddresses);
    }

    public LegId allocate(LegKind kind, IceRole role, MediaEventListener listener) {
        return with(c -> c.allocate(kind, role, listener));
    }

    public LocalParameters localParameters(LegId leg) {
        return with(c -> c.localParameters(leg));
    }

    public void remoteParameters(LegId leg, RemoteParameters remote) {
        with(c -> {
            c.remoteParameters(leg, remote);
            return null;
        });
    }

    /** A candidate the far end trickled (RFC 8838), e.g. by SIP INFO (RFC 8840). */
    public void addRemoteCandidate(LegId leg, IceCandidate candidate) {
        with(c -> {
            c.addRemoteCandidate(leg, candidate);
            return null;
        });
    }

    public void echo(LegId leg) {
        with(c -> {
            c.echo(leg);
            return null;
        });
    }

    /** What the leg's SDP agreed, first audio format first: what the engine sends on it. */
    public void formats(LegId leg, List<PayloadFormat> formats) {
        with(c -> {
            c.formats(leg, formats);
            return null;
        });
    }

    public void play(LegId leg, Prompt prompt) {
        with(c -> {
            c.play(leg, prompt);
            return null;
        });
    }

    public void bridge(LegId a, LegId b) {
        with(c -> {
            c.bridge(a, b);
            return null;
        });
    }

    public LegStats stats(LegId leg) {
        return with(c -> c.stats(leg));
    }

    /** Legs open in the media engine, for the {@code callway_media_legs} gauge. */
    public int legCount() {
        return with(MediaConnection::legCount);
    }

    public void closeLeg(LegId leg) {
        with(c -> {
            c.closeLeg(leg);
            return null;
        });
    }

    private <T> T with(Function<MediaConnection, T> use) {
        try (MediaConnection connection = factory.getConnection()) {
            return use.apply(connection);
        } catch (ResourceException e) {
            throw new IllegalStateException("the media adapter is not available", e);
        }
    }
}
