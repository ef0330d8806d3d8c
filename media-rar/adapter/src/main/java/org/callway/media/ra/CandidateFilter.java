package org.callway.media.ra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which addresses ICE may use, ours and theirs (Asterisk's ice_acl / ice_blacklist role):
 * an address is usable if it is in an allowed network (or none is listed) and in no
 * denied one. Keeps checks off networks that cannot carry media (container bridges, VPNs).
 */
record CandidateFilter(List<Network> allowed, List<Network> denied) {

    static final CandidateFilter ALL = new CandidateFilter(List.of(), List.of());

    /** An address prefix such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String s = cidr.trim();
            int slash = s.indexOf('/');
            try {
                byte[] address = InetAddress.getByName(slash < 0 ? s : s.substring(0, slash)).getAddress();
                int bits = slash < 0 ? address.length * 8 : Integer.parseInt(s.substring(slash + 1));
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + cidr);
                }
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Comma-separated networks; blank means none. */
    static CandidateFilter of(String allowed, String denied) {
        return new CandidateFilter(networks(allowed), networks(denied));
    }

    private static List<Network> networks(String list) {
        List<Network> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(Network.parse(s));
                }
            }
        }
        return List.copyOf(out);
    }

    boolean permits(InetAddress address) {
        if (denied.stream().anyMatch(n -> n.contains(address))) {
            return false;
        }
        return allowed.isEmpty() || allowed.stream().anyMatch(n -> n.contains(address));
    }
}
