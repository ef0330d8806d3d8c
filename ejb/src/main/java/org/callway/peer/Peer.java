package org.callway.peer;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.callway.config.Transport;

/**
 * A SIP peer with Asterisk's sip.conf meaning. The secret is never stored: only the
 * digest HA1 values (RFC 3261 §22.4, RFC 8760 §3) for the realm it was set in, which is
 * what Asterisk's {@code md5secret} does.
 */
@Entity
@Table(name = "peer")
@NamedQuery(name = "Peer.all", query = "select p from Peer p order by p.number, p.name")
@NamedQuery(name = "Peer.byName", query = "select p from Peer p where p.name = :name")
@NamedQuery(name = "Peer.byNumber", query = "select p from Peer p where p.number = :number")
@NamedQuery(name = "Peer.count", query = "select count(p) from Peer p")
public class Peer {

    @Id
    @GeneratedValue
    private Long id;

    @Version
    private long version;

    /** The SIP user name (authorization user and AOR user part). */
    @Column(nullable = false, unique = true, length = 64)
    private String name;

    /** The extension others dial. */
    @Column(unique = true, length = 32)
    private String number;

    @Column(nullable = false, length = 64)
    private String realm;

    @Column(name = "ha1_md5", length = 32)
    private String ha1Md5;

    @Column(name = "ha1_sha256", length = 64)
    private String ha1Sha256;

    /** {@code transport=}: a request on another transport gets 403. */
    @Convert(converter = TransportSetConverter.class)
    @Column(nullable = false, length = 32)
    private Set<Transport> transports = EnumSet.of(Transport.UDP);

    /** {@code avpf=yes}: offers must be (S)AVPF. */
    private boolean avpf;

    /** {@code encryption=yes}: offers must be SRTP. */
    private boolean encryption;

    /** {@code nat=}: force_rport, comedia, ... */
    @Convert(converter = StringSetConverter.class)
    @Column(nullable = false, length = 128)
    private Set<String> nat = new LinkedHashSet<>();

    /** {@code context=}: the dial plan context its calls start in. */
    @Column(nullable = false, length = 64)
    private String context = "default";

    /** {@code allow=} in preference order. */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, length = 256)
    private List<String> codecs = List.of("ulaw", "alaw");

    /** {@code host=}: {@code dynamic} (registers) or a fixed host[:port]. */
    @Column(nullable = false, length = 255)
    private String host = "dynamic";

    protected Peer() {
    }

    public Peer(String name, String number) {
        this.name = name;
        this.number = number;
    }

    /** Sets the secret by storing its HA1 values for {@code realm}; the secret itself is not kept. */
    public void setSecret(String realm, String secret) {
        this.realm = realm;
        this.ha1Md5 = DigestHa1.md5(name, realm, secret);
        this.ha1Sha256 = DigestHa1.sha256(name, realm, secret);
    }

    /**
     * Stores an MD5 HA1 computed elsewhere (Asterisk's {@code md5secret}); there is no SHA-256
     * HA1 then, so this peer can only answer MD5 challenges.
     */
    public void setMd5Ha1(String realm, String ha1) {
        this.realm = realm;
        this.ha1Md5 = ha1.toLowerCase(java.util.Locale.ROOT);
        this.ha1Sha256 = null;
    }

    /**
     * Takes every Asterisk option from {@code draft} (a full update); the credential only when
     * the draft has one, so leaving it out keeps the current HA1s.
     */
    public void apply(PeerDraft draft, String ourRealm) {
        // Java 17 has no pattern switch: instanceof over the sealed Credential.
        if (draft.credential() instanceof Credential.Secret s) {
            setSecret(ourRealm, s.secret());
        } else if (draft.credential() instanceof Credential.Md5Ha1 m) {
            setMd5Ha1(m.realm(), m.ha1());
        }
        this.number = draft.number();
        setTransports(draft.transports());
        this.avpf = draft.avpf();
        this.encryption = draft.encryption();
        setNat(draft.nat());
        this.context = draft.context();
        setCodecs(draft.codecs());
        this.host = draft.host();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getRealm() {
        return realm;
    }

    public String getHa1Md5() {
        return ha1Md5;
    }

    public String getHa1Sha256() {
        return ha1Sha256;
    }

    public Set<Transport> getTransports() {
        return transports.isEmpty() ? EnumSet.noneOf(Transport.class) : EnumSet.copyOf(transports);
    }

    public void setTransports(Set<Transport> transports) {
        this.transports = transports.isEmpty() ? EnumSet.noneOf(Transport.class) : EnumSet.copyOf(transports);
    }

    public boolean isAvpf() {
        return avpf;
    }

    public void setAvpf(boolean avpf) {
        this.avpf = avpf;
    }

    public boolean isEncryption() {
        return encryption;
    }

    public void setEncryption(boolean encryption) {
        this.encryption = encryption;
    }

    public Set<String> getNat() {
        return new LinkedHashSet<>(nat);
    }

    public void setNat(Set<String> nat) {
        this.nat = new LinkedHashSet<>(nat);
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }

    public List<String> getCodecs() {
        return List.copyOf(codecs);
    }

    public void setCodecs(List<String> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }
}
