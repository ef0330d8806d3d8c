package org.callway.media.ra.sip;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate SIP over TLS (RFC 3261 §26.3.1, port 5061) presents: a configured PKCS#12 or
 * JKS keystore, or else a self-signed ECDSA P-256 certificate made at start for the configured
 * host, as WildFly's Elytron does for HTTPS, so TLS works out of the box.
 */
public final class SipTlsContext {

    private SipTlsContext() {
    }

    public static SSLContext create(String keystore, String password, String host) throws IOException {
        try {
            KeyStore store;
            char[] secret = password == null ? new char[0] : password.toCharArray();
            if (keystore != null && !keystore.isBlank()) {
                store = KeyStore.getInstance(keystore.endsWith(".jks") ? "JKS" : "PKCS12");
                try (InputStream in = Files.newInputStream(Path.of(keystore))) {
                    store.load(in, secret);
                }
            } else {
                store = selfSigned(host, secret);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, secret);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot set up SIP over TLS", e);
        }
    }

    private static KeyStore selfSigned(String host, char[] secret)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                pair.getPublic());
        // RFC 5922 §7.1: SIP clients match the domain against subjectAltName.
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("sip", pair.getPrivate(), secret, new java.security.cert.Certificate[] {certificate});
        return store;
    }
}
