package org.callway.media.ra;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Hashtable;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.callway.media.ra.srtp.SrtpProfile;
import org.callway.media.ra.srtp.SrtpSession;

/**
 * One leg's DTLS-SRTP handshake (RFC 5763, RFC 5764) with Bouncy Castle: DTLS 1.2 only,
 * ECDHE-ECDSA suites, both sides present certificates and each checks the other's against
 * the SDP fingerprint. BC's DTLS API is blocking, so {@link #run()} is executed by one of
 * the engine's fixed handshake workers; the reader thread only queues datagrams here.
 */
final class DtlsHandshake implements DatagramTransport {

    /** Preference order: GCM first, as browsers do (RFC 7714 §14.2). */
    private static final int[] PROFILES = {SrtpProfile.AEAD_AES_128_GCM.dtlsId(),
            SrtpProfile.AES_CM_128_HMAC_SHA1_80.dtlsId()};
    private static final int[] SUITES = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    private static final int MTU = 1200;

    /** What the leg learns at the end: keys or a reason. */
    interface Outcome {
        void connected(SrtpSession session, DTLSTransport transport);

        void failed(String reason);
    }

    /** Sends one datagram to the leg's current remote. */
    interface Sender {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    private final DtlsIdentity identity;
    private final boolean client;
    private final String remoteFingerprint;
    private final int timeoutMillis;
    private final Sender sender;
    private final Outcome outcome;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(64);
    private volatile boolean closed;
    private volatile String failure;
    private volatile SrtpProfile profile;
    private volatile byte[] keyingMaterial;

    DtlsHandshake(DtlsIdentity identity, boolean client, String remoteFingerprint, int timeoutMillis,
            Sender sender, Outcome outcome) {
        this.identity = identity;
        this.client = client;
        this.remoteFingerprint = remoteFingerprint;
        this.timeoutMillis = timeoutMillis;
        this.sender = sender;
        this.outcome = outcome;
    }

    boolean isClient() {
        return client;
    }

    /** From the reader thread: a DTLS record for this leg. False if the queue is full. */
    boolean offer(byte[] datagram) {
        return inbound.offer(datagram);
    }

    /** Runs the whole handshake on the calling (worker) thread. */
    void run() {
        try {
            DTLSTransport transport = client
                    ? new DTLSClientProtocol().connect(new Client(), this)
                    : new DTLSServerProtocol().accept(new Server(), this);
            if (profile == null || keyingMaterial == null) {
                outcome.failed("no use_srtp profile agreed");
                return;
            }
            outcome.connected(SrtpSession.fromDtls(profile, keyingMaterial, client), transport);
        } catch (IOException | RuntimeException e) {
            String reason = failure != null ? failure
                    : closed ? "closed" : e.getClass().getSimpleName() + ": " + e.getMessage();
            outcome.failed(reason);
        }
    }

    private void verify(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            failure = "peer sent no certificate";
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
        String actual = DtlsIdentity.fingerprint(peer.getCertificateAt(0).getEncoded());
        if (!DtlsIdentity.sameFingerprint(actual, remoteFingerprint)) {
            failure = "fingerprint mismatch: SDP says " + remoteFingerprint + ", certificate is " + actual;
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    private void export(TlsContext context) {
        int length = 2 * (profile.keyLength() + profile.saltLength());
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
    }

    private static int choose(UseSRTPData offered) throws IOException {
        if (offered != null) {
            for (int ours : PROFILES) {
                for (int theirs : offered.getProtectionProfiles()) {
                    if (ours == theirs) {
                        return ours;
                    }
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure);
    }

    private final class Client extends DefaultTlsClient {
        Client() {
            super(identity.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return timeoutMillis;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(PROFILES, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (chosen == null || chosen.getProtectionProfiles().length != 1) {
                failure = "server did not agree on use_srtp";
                throw new TlsFatalAlert(AlertDescription.illegal_parameter);
            }
            profile = SrtpProfile.ofDtlsId(choose(chosen));
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    verify(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return identity.signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            if (profile != null) {
                export(context);
            }
        }
    }

    private final class Server extends DefaultTlsServer {
        private int chosen;

        Server() {
            super(identity.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return timeoutMillis;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return identity.signer(context);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            chosen = choose(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
            profile = SrtpProfile.ofDtlsId(chosen);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {chosen}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        /** RFC 5763 §5: the client must present the certificate the SDP fingerprints. */
        @Override
        @SuppressWarnings("rawtypes")
        public CertificateRequest getCertificateRequest() {
            Vector algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign}, algorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            verify(clientCertificate);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            export(context);
        }
    }

    // DatagramTransport: fed by the reader thread, drained by the handshake worker.

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("leg closed");
        }
        try {
            byte[] datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (datagram == null) {
                return -1;
            }
            int n = Math.min(len, datagram.length);
            System.arraycopy(datagram, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("leg closed");
        }
        sender.send(buf, off, len);
    }

    @Override
    public void close() throws IOException {
        closed = true;
    }
}
