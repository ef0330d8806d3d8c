package org.callway.media.ra.srtp;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * One leg's SRTP/SRTCP state (RFC 3711) over jitsi-srtp: a sending and a receiving
 * master key, and one crypto context per SSRC, derived on first use. Each method is
 * safe to call from any thread (jitsi's contexts synchronize per SSRC).
 */
public final class SrtpSession implements AutoCloseable {

    /** What unprotect concluded, mapped from jitsi's status to what Callway counts. */
    public enum Result { OK, AUTH_FAILED, REPLAY, MALFORMED }

    private final SrtpProfile profile;
    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private final Map<Integer, SrtpCryptoContext> sendRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> receiveRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendRtcp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveRtcp = new ConcurrentHashMap<>();

    public SrtpSession(SrtpProfile profile, byte[] sendKey, byte[] sendSalt, byte[] receiveKey, byte[] receiveSalt) {
        this(profile, sendKey, sendSalt, receiveKey, receiveSalt, true);
    }

    /** {@code replayProtection} false only for the benchmark, which replays one packet ring. */
    SrtpSession(SrtpProfile profile, byte[] sendKey, byte[] sendSalt, byte[] receiveKey, byte[] receiveSalt,
            boolean replayProtection) {
        this.profile = profile;
        LoggerImpl log = new LoggerImpl(SrtpSession.class.getName());
        sender = new SrtpContextFactory(true, sendKey, sendSalt, profile.policy(), profile.policy(), log);
        SrtpPolicy receive = profile.policy();
        receive.setReceiveReplayEnabled(replayProtection);
        receiver = new SrtpContextFactory(false, receiveKey, receiveSalt, receive, receive, log);
    }

    /**
     * Splits DTLS-exported keying material (RFC 5764 §4.2: client key, server key,
     * client salt, server salt) into a session for the given side.
     */
    public static SrtpSession fromDtls(SrtpProfile profile, byte[] material, boolean isClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("keying material must be " + 2 * (k + s) + " bytes");
        }
        byte[] clientKey = java.util.Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = java.util.Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = java.util.Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = java.util.Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s));
        return isClient
                ? new SrtpSession(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpSession(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    /**
     * jitsi-srtp times the AES implementations it can use (OpenSSL, SunJCE, Bouncy Castle) the
     * first time a cipher is needed in the JVM and keeps the fastest. That takes a second or
     * more; done here, at engine start, rather than on a reader thread under the first call's
     * first packet. Protects and unprotects one packet per profile with throwaway keys.
     */
    public static void warmUp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] key = new byte[profile.keyLength()];
            byte[] salt = new byte[profile.saltLength()];
            try (SrtpSession a = new SrtpSession(profile, key, salt, key, salt)) {
                PacketBuffer packet = new PacketBuffer(2048);
                byte[] rtp = new byte[12 + 160];
                rtp[0] = (byte) 0x80;
                rtp[11] = 1;
                packet.set(rtp, 0, rtp.length);
                if (a.protectRtp(packet)) {
                    a.unprotectRtp(packet);
                }
            }
        }
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and tags an RTP packet in place; returns false if jitsi refused it. */
    public boolean protectRtp(PacketBuffer packet) {
        SrtpCryptoContext context = sendRtp.computeIfAbsent(ssrc(packet, 8), ssrc -> media(sender, ssrc));
        try {
            return context.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public Result unprotectRtp(PacketBuffer packet) {
        if (packet.getLength() < 12) {
            return Result.MALFORMED;
        }
        SrtpCryptoContext context = receiveRtp.computeIfAbsent(ssrc(packet, 8), ssrc -> media(receiver, ssrc));
        try {
            return map(context.reverseTransformPacket(packet, false));
        } catch (GeneralSecurityException e) {
            return Result.AUTH_FAILED;
        }
    }

    public boolean protectRtcp(PacketBuffer packet) {
        SrtcpCryptoContext context = sendRtcp.computeIfAbsent(ssrc(packet, 4), ssrc -> control(sender, ssrc));
        try {
            return context.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public Result unprotectRtcp(PacketBuffer packet) {
        if (packet.getLength() < 8) {
            return Result.MALFORMED;
        }
        SrtcpCryptoContext context = receiveRtcp.computeIfAbsent(ssrc(packet, 4), ssrc -> control(receiver, ssrc));
        try {
            return map(context.reverseTransformPacket(packet));
        } catch (GeneralSecurityException e) {
            return Result.AUTH_FAILED;
        }
    }

    private static SrtpCryptoContext media(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveContext(ssrc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive SRTP context", e);
        }
    }

    private static SrtcpCryptoContext control(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveControlContext(ssrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive SRTCP context", e);
        }
    }

    private static Result map(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> Result.OK;
            case AUTH_FAIL, FAIL -> Result.AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> Result.REPLAY;
            case INVALID_PACKET -> Result.MALFORMED;
        };
    }

    private static int ssrc(PacketBuffer p, int at) {
        byte[] b = p.getBuffer();
        int o = p.getOffset() + at;
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
