package org.callway.sdp;

import java.util.Arrays;
import java.util.List;

/**
 * {@code a=group:<semantics> <mid>...} (RFC 5888 §5), e.g. {@code BUNDLE 0 1} (RFC 9143 §7.1).
 */
public record Group(String semantics, List<String> mids) {

    public Group {
        mids = List.copyOf(mids);
    }

    static Group parse(String value) {
        String[] f = Syntax.fields(value, 1, "a=group needs <semantics>");
        return new Group(f[0], Arrays.asList(f).subList(1, f.length));
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("group", mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids));
    }
}
