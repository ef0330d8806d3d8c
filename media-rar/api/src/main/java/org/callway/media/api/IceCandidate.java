package org.callway.media.api;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One ICE candidate as carried in SDP (RFC 8839 §5.1):
 * {@code candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>}.
 */
public record IceCandidate(String foundation, int component, String transport, long priority,
        String address, int port, String type) implements Serializable {

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }

    /** The value of an {@code a=candidate} line, without the {@code a=}. */
    public String toSdp() {
        return "candidate:" + foundation + ' ' + component + ' ' + transport.toLowerCase(Locale.ROOT) + ' '
                + priority + ' ' + address + ' ' + port + " typ " + type;
    }

    public boolean isUdp() {
        return "udp".equalsIgnoreCase(transport);
    }

    /**
     * Parses an {@code a=candidate} value (with or without the {@code a=} and
     * {@code candidate:} prefixes); extensions after the type are ignored.
     *
     * @throws IllegalArgumentException if the line is not a candidate
     */
    public static IceCandidate parse(String line) {
        String s = line.trim();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (s.startsWith("candidate:")) {
            s = s.substring("candidate:".length());
        }
        String[] f = s.split("\\s+");
        if (f.length < 8 || !"typ".equals(f[6])) {
            throw new IllegalArgumentException("not an ICE candidate: " + line);
        }
        try {
            return new IceCandidate(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), f[4],
                    Integer.parseInt(f[5]), f[7]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an ICE candidate: " + line, e);
        }
    }
}
