package org.callway.sip.ua;

import org.callway.sip.parser.ParseLimits;
import org.callway.sip.transaction.TimerSettings;

/**
 * Everything the stack is configured with.
 *
 * @param forceRport Asterisk's {@code nat=force_rport}: always answer to the source port (RFC 3581 behaviour without being asked)
 */
public record SipStackConfig(ParseLimits limits, TimerSettings timers, boolean forceRport, UaSettings ua) {
    public static final SipStackConfig DEFAULT = new SipStackConfig(ParseLimits.DEFAULT, TimerSettings.DEFAULT, true,
            UaSettings.DEFAULT);
}
