package org.callway.media.ra;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TURN allocation (RFC 8656) made from a shared host socket and shared by every leg
 * on it, as the host socket is: peers are told apart by their address, sessions by ufrag.
 * It owns no thread: the socket's reader hands it the server's responses, ChannelData and
 * Data indications; the engine's ticker retransmits, refreshes the allocation, its
 * permissions and channel bindings. Long-term credentials (RFC 8489 §9.2): the first
 * Allocate goes unauthenticated, the 401 brings REALM and NONCE, every later request is
 * signed with MD5(username:realm:password); 438 Stale Nonce takes the new nonce.
 */
final class TurnRelay implements MediaSocket {

    private static final Logger LOG = Logger.getLogger(TurnRelay.class.getName());
    /** RFC 8656 §2.2: UDP (17) in REQUESTED-TRANSPORT. */
    private static final byte[] UDP = {17, 0, 0, 0};
    /** RFC 8656 §9: permissions last 300 s, §12: channel bindings 600 s; both renewed a minute early. */
    private static final long PERMISSION_MILLIS = 300_000;
    private static final long CHANNEL_MILLIS = 600_000;
    private static final long EARLY_MILLIS = 60_000;
    private static final int LIFETIME_SECONDS = 600;
    /** RFC 8656 §12: channel numbers 0x4000 through 0x4FFF. */
    private static final int FIRST_CHANNEL = 0x4000;
    private static final int LAST_CHANNEL = 0x4FFF;
    private static final ThreadLocal<byte[]> FRAME = ThreadLocal.withInitial(() -> new byte[4 + 2048]);

    record Credentials(String username, String password) { }

    private enum Kind { ALLOCATE, REFRESH, PERMISSION, CHANNEL }

    /** An outstanding request (RFC 8489 §6.2.1), rebuilt when it must be re-signed. */
    private static final class Pending {
        final Kind kind;
        final Consumer<StunBytes.Writer> body;
        final InetAddress permissionFor;
        final Peer channelFor;
        byte[] bytes;
        boolean signed;
        int transmissions;
        long nextAt;

        Pending(Kind kind, Consumer<StunBytes.Writer> body, InetAddress permissionFor, Peer channelFor) {
            this.kind = kind;
            this.body = body;
            this.permissionFor = permissionFor;
            this.channelFor = channelFor;
        }
    }

    /** A remote transport address we relay to; its channel once the ChannelBind succeeded. */
    private static final class Peer {
        final InetSocketAddress address;
        volatile int channel;
        volatile boolean used = true;
        int reservedChannel;
        long channelExpiresAt;
        boolean binding;

        Peer(InetSocketAddress address) {
            this.address = address;
        }
    }

    private static final class Permission {
        long expiresAt;
        boolean pending;
        volatile boolean used = true;
    }

    private final UdpReaderWork base;
    private final InetSocketAddress server;
    private final Credentials credentials;
    private final Map<ByteBuffer, Pending> pending = new HashMap<>();
    private final Map<InetSocketAddress, Peer> peers = new ConcurrentHashMap<>();
    private final Map<Integer, Peer> byChannel = new ConcurrentHashMap<>();
    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    private volatile InetSocketAddress relayed;
    private volatile InetSocketAddress mapped;
    /** The first Allocate ended, either way: gathering need not wait for it any longer. */
    private volatile boolean settled;
    private String realm;
    private String nonce;
    private byte[] key;
    private long refreshAt;
    private long retryAllocateAt;
    private int nextChannel = FIRST_CHANNEL;

    TurnRelay(UdpReaderWork base, InetSocketAddress server, Credentials credentials) {
        this.base = base;
        this.server = server;
        this.credentials = credentials;
    }

    UdpReaderWork base() {
        return base;
    }

    InetSocketAddress server() {
        return server;
    }

    /** The relayed transport address, once allocated; null before or after losing it. */
    @Override
    public InetSocketAddress localAddress() {
        return relayed;
    }

    /** Our address as the TURN server saw it (XOR-MAPPED-ADDRESS of the Allocate, RFC 8656 §7.3). */
    InetSocketAddress mapped() {
        return mapped;
    }

    boolean settled() {
        return settled;
    }

    synchronized void allocate(long now) {
        relayed = null;
        // RFC 8656 §7.1: REQUESTED-TRANSPORT UDP; the server picks the relayed port.
        request(Kind.ALLOCATE, w -> w.attribute(StunBytes.REQUESTED_TRANSPORT, UDP)
                .int32Attribute(StunBytes.LIFETIME, LIFETIME_SECONDS), null, null, now);
    }

    /** RFC 8656 §7.2: a Refresh with LIFETIME 0 deletes the allocation; not retransmitted. */
    synchronized void deallocate() {
        if (relayed != null && key != null) {
            byte[] tid = StunCodec.newTransactionId();
            StunBytes.Writer w = new StunBytes.Writer(StunBytes.type(StunBytes.REFRESH, StunBytes.REQUEST), tid)
                    .int32Attribute(StunBytes.LIFETIME, 0);
            byte[] b = sign(w).bytes();
            base.send(b, 0, b.length, server);
        }
        relayed = null;
        pending.clear();
    }

    /**
     * Relays {@code buf} to {@code peer}: ChannelData once a channel is bound (4 bytes of
     * overhead, RFC 8656 §12.4), a Send indication before (§11.1). The first packet to a
     * peer asks for its permission (§9) and channel.
     */
    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress peer) {
        Peer p = peers.get(peer);
        if (p == null || p.channel == 0) {
            p = prepare(peer, System.currentTimeMillis());
            if (p == null) {
                return;
            }
        }
        p.used = true;
        int channel = p.channel;
        if (channel != 0) {
            byte[] frame = len + 4 <= 2052 ? FRAME.get() : new byte[len + 4];
            frame[0] = (byte) (channel >>> 8);
            frame[1] = (byte) channel;
            frame[2] = (byte) (len >>> 8);
            frame[3] = (byte) len;
            System.arraycopy(buf, off, frame, 4, len);
            base.send(frame, 0, len + 4, server); // RFC 8656 §12.5: no padding over UDP
            return;
        }
        byte[] data = java.util.Arrays.copyOfRange(buf, off, off + len);
        byte[] indication = new StunBytes.Writer(StunBytes.type(StunBytes.SEND, StunBytes.INDICATION),
                StunCodec.newTransactionId()).address(StunBytes.XOR_PEER_ADDRESS, peer)
                .attribute(StunBytes.DATA_ATTR, data).bytes();
        base.send(indication, 0, indication.length, server);
    }

    /** Permission and channel for a new peer; null while there is no allocation to send from. */
    private synchronized Peer prepare(InetSocketAddress peer, long now) {
        if (relayed == null) {
            return null;
        }
        Peer p = peers.computeIfAbsent(peer, Peer::new);
        permit(peer.getAddress(), now);
        if (p.channel == 0 && !p.binding && nextChannel <= LAST_CHANNEL) {
            p.reservedChannel = nextChannel++;
            bind(p, now);
        }
        return p;
    }

    /** Asks for a permission toward {@code peer}'s IP now, so checks from it get through (RFC 8656 §9). */
    synchronized void permit(InetAddress peer, long now) {
        if (relayed == null) {
            return;
        }
        Permission permission = permissions.computeIfAbsent(peer, a -> new Permission());
        if (!permission.pending && permission.expiresAt <= now) {
            permission.pending = true;
            request(Kind.PERMISSION, w -> w.address(StunBytes.XOR_PEER_ADDRESS, new InetSocketAddress(peer, 0)),
                    peer, null, now);
        }
    }

    private void bind(Peer p, long now) {
        p.binding = true;
        int channel = p.reservedChannel;
        // RFC 8656 §12.1: CHANNEL-NUMBER (number, then RFFU zero) and XOR-PEER-ADDRESS.
        request(Kind.CHANNEL, w -> w.attribute(StunBytes.CHANNEL_NUMBER,
                new byte[] {(byte) (channel >>> 8), (byte) channel, 0, 0})
                .address(StunBytes.XOR_PEER_ADDRESS, p.address), null, p, now);
    }

    private void request(Kind kind, Consumer<StunBytes.Writer> body, InetAddress permissionFor, Peer channelFor, long now) {
        Pending r = new Pending(kind, body, permissionFor, channelFor);
        transmitNew(r, now);
    }

    private void transmitNew(Pending r, long now) {
        int method = switch (r.kind) {
            case ALLOCATE -> StunBytes.ALLOCATE;
            case REFRESH -> StunBytes.REFRESH;
            case PERMISSION -> StunBytes.CREATE_PERMISSION;
            case CHANNEL -> StunBytes.CHANNEL_BIND;
        };
        byte[] tid = StunCodec.newTransactionId();
        StunBytes.Writer w = new StunBytes.Writer(StunBytes.type(method, StunBytes.REQUEST), tid);
        r.body.accept(w);
        r.signed = key != null;
        r.bytes = sign(w).bytes();
        r.transmissions = 0;
        pending.put(ByteBuffer.wrap(tid), r);
        transmit(r, now);
    }

    /** RFC 8489 §9.2.3: USERNAME, REALM, NONCE, then MESSAGE-INTEGRITY keyed with the long-term key. */
    private StunBytes.Writer sign(StunBytes.Writer w) {
        if (key == null) {
            return w;
        }
        return w.text(StunBytes.USERNAME, credentials.username()).text(StunBytes.REALM, realm)
                .text(StunBytes.NONCE, nonce).integrity(key);
    }

    private void transmit(Pending r, long now) {
        r.nextAt = now + StunBytes.RETRANSMIT_MILLIS[r.transmissions++];
        base.send(r.bytes, 0, r.bytes.length, server);
    }

    /** A STUN message from the TURN server (on the reader thread); false if it is none of ours. */
    synchronized boolean onResponse(StunBytes.Parsed m, long now) {
        Pending r = pending.get(ByteBuffer.wrap(m.transactionId()));
        if (r == null) {
            return false;
        }
        // RFC 8489 §9.2.5: once we sign, an answer without our integrity is not the server's.
        boolean error = m.messageClass() == StunBytes.ERROR;
        int code = error ? m.errorCode() : 0;
        if (key != null && code != 401 && code != 438 && !m.integrityOk(key)) {
            return true;
        }
        pending.remove(ByteBuffer.wrap(m.transactionId()));
        if (code == 401 || code == 438) {
            String newNonce = m.text(StunBytes.NONCE);
            String newRealm = m.text(StunBytes.REALM);
            if (newNonce == null || (code == 401 && r.signed)) {
                // A 401 to a signed request: the username or password is wrong (RFC 8489 §9.2.5).
                fail(r, "rejected our credentials (" + code + ")", now);
                return true;
            }
            nonce = newNonce;
            if (newRealm != null) {
                realm = newRealm;
            }
            key = StunBytes.longTermKey(credentials.username(), realm, credentials.password());
            transmitNew(r, now);
            return true;
        }
        if (error) {
            fail(r, "answered " + code, now);
            return true;
        }
        switch (r.kind) {
            case ALLOCATE -> {
                mapped = m.address(StunBytes.XOR_MAPPED_ADDRESS);
                granted(m, now);
                relayed = m.address(StunBytes.XOR_RELAYED_ADDRESS);
                settled = true;
                LOG.info(() -> "TURN " + server + " relays for " + base.localAddress() + " at " + relayed);
            }
            case REFRESH -> granted(m, now);
            case PERMISSION -> {
                Permission p = permissions.get(r.permissionFor);
                if (p != null) {
                    p.pending = false;
                    p.expiresAt = now + PERMISSION_MILLIS;
                }
            }
            case CHANNEL -> {
                Peer p = r.channelFor;
                p.binding = false;
                p.channelExpiresAt = now + CHANNEL_MILLIS;
                byChannel.put(p.reservedChannel, p);
                p.channel = p.reservedChannel;
                // §12.2: a binding also installs or refreshes the permission for its IP.
                Permission permission = permissions.computeIfAbsent(p.address.getAddress(), a -> new Permission());
                permission.expiresAt = Math.max(permission.expiresAt, now + PERMISSION_MILLIS);
            }
        }
        return true;
    }

    /** RFC 8656 §8: refresh a minute before the granted LIFETIME ends, or halfway for a short one. */
    private void granted(StunBytes.Parsed m, long now) {
        long lifetime = 1000L * m.int32(StunBytes.LIFETIME, LIFETIME_SECONDS);
        refreshAt = now + Math.max(lifetime / 2, lifetime - EARLY_MILLIS);
    }

    private void fail(Pending r, String why, long now) {
        LOG.log(r.kind == Kind.ALLOCATE ? Level.WARNING : Level.FINE,
                () -> "TURN " + server + " " + r.kind + " " + why);
        switch (r.kind) {
            case ALLOCATE, REFRESH -> {
                settled = true;
                relayed = null;
                retryAllocateAt = now + 30_000;
            }
            case PERMISSION -> {
                Permission p = permissions.get(r.permissionFor);
                if (p != null) {
                    p.pending = false;
                }
            }
            case CHANNEL -> r.channelFor.binding = false; // Send indications keep working
        }
    }

    /** Retransmissions and refreshes; on the engine's ticker. */
    synchronized void tick(long now) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending r = it.next();
            if (now >= r.nextAt) {
                if (r.transmissions >= StunBytes.RETRANSMIT_MILLIS.length) {
                    it.remove();
                    fail(r, "timed out", now);
                } else {
                    transmit(r, now);
                }
            }
        }
        if (relayed == null) {
            if (retryAllocateAt != 0 && now >= retryAllocateAt && pending.isEmpty()) {
                retryAllocateAt = 0;
                allocate(now);
            }
            return;
        }
        boolean refreshing = pending.values().stream().anyMatch(r -> r.kind == Kind.REFRESH);
        if (!refreshing && now >= refreshAt) {
            request(Kind.REFRESH, w -> w.int32Attribute(StunBytes.LIFETIME, LIFETIME_SECONDS), null, null, now); // §8
        }
        for (Peer p : peers.values()) {
            if (p.channel != 0 && !p.binding && now >= p.channelExpiresAt - EARLY_MILLIS) {
                if (p.used) {
                    p.used = false;
                    bind(p, now); // §12.3: refreshed by the same ChannelBind
                } else if (now >= p.channelExpiresAt) {
                    peers.remove(p.address);
                    byChannel.remove(p.channel);
                }
            }
        }
        for (Iterator<Map.Entry<InetAddress, Permission>> it = permissions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetAddress, Permission> e = it.next();
            Permission p = e.getValue();
            if (!p.pending && now >= p.expiresAt - EARLY_MILLIS) {
                boolean inUse = peers.values().stream().anyMatch(peer -> peer.used && peer.address.getAddress().equals(e.getKey()));
                if (inUse) {
                    p.pending = true;
                    InetAddress ip = e.getKey();
                    request(Kind.PERMISSION, w -> w.address(StunBytes.XOR_PEER_ADDRESS, new InetSocketAddress(ip, 0)),
                            ip, null, now);
                } else if (now >= p.expiresAt) {
                    it.remove();
                }
            }
        }
    }

    /**
     * ChannelData from the server (RFC 8656 §12.4): the peer it came from, with the payload
     * moved to the start of {@code buf}; its length is returned through {@code length[0]}.
     */
    InetSocketAddress unwrapChannelData(byte[] buf, int len, int[] length) {
        if (len < 4) {
            return null;
        }
        int channel = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
        int dataLength = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        Peer p = byChannel.get(channel);
        if (p == null || dataLength > len - 4) {
            return null;
        }
        System.arraycopy(buf, 4, buf, 0, dataLength);
        length[0] = dataLength;
        return p.address;
    }

    @Override
    public String toString() {
        return "turn:" + server + " relayed " + relayed;
    }
}
