package org.callway.peer;

/**
 * How a peer proves who it is, as an administrator or a config file gives it: the password
 * itself (sip.conf {@code secret=}, pjsip {@code auth_type=userpass}) or only its MD5 HA1
 * (sip.conf {@code md5secret=}, pjsip {@code auth_type=md5} with {@code md5_cred=}).
 */
public sealed interface Credential {

    /** A password: Callway stores its MD5 and SHA-256 HA1 for our realm, never the password. */
    record Secret(String secret) implements Credential {
        @Override
        public String toString() {
            return "Secret[***]";
        }
    }

    /**
     * MD5(user:realm:password), hex. Only usable when {@code realm} is Callway's realm; a peer
     * with only this HA1 can answer MD5 challenges (RFC 3261 §22.4) but not SHA-256 ones (RFC 8760).
     */
    record Md5Ha1(String realm, String ha1) implements Credential {
    }
}
