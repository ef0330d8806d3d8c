package org.callway.sip.parser;

/**
 * Bounds on what the parser accepts; exceeding one is a {@link ParseResult.Failed} with the
 * matching {@link Fault}, never an unbounded allocation.
 *
 * @param maxMessageSize bytes of one message, start line to end of body
 * @param maxHeaders header lines (after unfolding)
 * @param maxLineLength bytes of one physical line
 */
public record ParseLimits(int maxMessageSize, int maxHeaders, int maxLineLength) {

    /** 64 KiB (the UDP datagram ceiling), 128 headers, 8 KiB lines. */
    public static final ParseLimits DEFAULT = new ParseLimits(65_535, 128, 8_192);

    public ParseLimits {
        if (maxMessageSize <= 0 || maxHeaders <= 0 || maxLineLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
