package org.callway.media.api;

/**
 * {@link MediaConnection#allocate} found no free port in the adapter's RTP port range
 * (rtp.conf {@code rtpstart}–{@code rtpend}): every port is held by a leg. The call side
 * answers such a call {@code 503 Service Unavailable}; ports come back as legs close.
 */
public class MediaPortsExhaustedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MediaPortsExhaustedException(String message) {
        super(message);
    }
}
