package org.callway.sip.message;

import java.util.Optional;

/** CSeq (RFC 3261 §20.16): a sequence number below 2**31 and the method. */
public record CSeq(long number, String method) {

    /** RFC 3261 §8.1.1.5: the sequence number MUST be less than 2**31. */
    public static final long MAX = (1L << 31) - 1;

    public static Optional<CSeq> parse(String s) {
        int i = Syntax.skipWs(s, 0);
        long num = 0;
        int ds = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            num = num * 10 + (s.charAt(i++) - '0');
            if (num > MAX) return Optional.empty();
        }
        if (i == ds) return Optional.empty();
        int ws = i;
        i = Syntax.skipWs(s, i);
        if (num < 0 || i == ws) return Optional.empty();
        int e = Syntax.token(s, i);
        if (e == i || Syntax.skipWs(s, e) != s.length()) return Optional.empty();
        return Optional.of(new CSeq(num, Syntax.sub(s, i, e)));
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
