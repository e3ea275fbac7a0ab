package org.prooftrail.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtIssuer;

/**
 * A simulated device: its organisation, id, key and sequence counter, and the signed envelopes it
 * sends. Tests and the simulator use the same code, so what ingest is tested with is what devices send.
 */
public final class SimDevice {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String org;
    private final String id;
    private final String kid;
    private final SigningKey key;
    private final JwsSigner signer;
    private final AtomicLong seq;
    /** Set: events are sent as SD-JWTs under this policy (docs/envelope.md); null: as plain JWS. */
    private volatile EpcisDisclosurePolicy eventPolicy;

    public SimDevice(String org, String id, SignatureAlgorithm alg, long firstSeq) {
        this(org, id, id + "-k1", SigningKey.generate(alg), firstSeq);
    }

    public SimDevice(String org, String id, String kid, SigningKey key, long firstSeq) {
        this.org = org;
        this.id = id;
        this.kid = kid;
        this.key = key;
        this.signer = new JwsSigner(kid, key);
        this.seq = new AtomicLong(firstSeq);
    }

    public String org() {
        return org;
    }

    public String id() {
        return id;
    }

    public String kid() {
        return kid;
    }

    public SigningKey key() {
        return key;
    }

    public String publicKeyPem() {
        return PublicKeys.toPem(key.verifyingKey());
    }

    public String readingsTopic() {
        return "pt/v1/" + org + "/" + id + "/readings";
    }

    public String eventsTopic() {
        return "pt/v1/" + org + "/" + id + "/events";
    }

    public long nextSeq() {
        return seq.getAndIncrement();
    }

    /** A signed envelope with one reading per temperature given, a second apart, at the next seq. */
    public byte[] readings(Instant at, double... temperatures) {
        return readingsWithSeq(nextSeq(), at, temperatures);
    }

    public byte[] readingsWithSeq(long n, Instant at, double... temperatures) {
        ObjectNode payload = header(n, at);
        ArrayNode list = payload.putArray("readings");
        for (int i = 0; i < temperatures.length; i++) {
            list.addObject().put("t", at.plusSeconds(i).toString()).put("temp", temperatures[i]).put("hum", 55.0);
        }
        return sign(payload);
    }

    /** From now on, events go out as SD-JWTs under {@code policy}; null sends them as plain JWS again. */
    public SimDevice signEventsAsSdJwt(EpcisDisclosurePolicy policy) {
        this.eventPolicy = policy;
        return this;
    }

    /** A signed envelope carrying one EPCIS event (its JSON), at the next seq: an SD-JWT if so set. */
    public byte[] event(Instant at, ObjectNode epcisEvent) {
        EpcisDisclosurePolicy policy = eventPolicy;
        if (policy != null) {
            return sdJwtEvent(nextSeq(), at, epcisEvent, policy).serialize().getBytes(StandardCharsets.US_ASCII);
        }
        ObjectNode payload = header(nextSeq(), at);
        payload.set("event", epcisEvent);
        return sign(payload);
    }

    /** An event envelope as an SD-JWT: the issuer-signed JWT and every disclosure. */
    public SdJwt sdJwtEvent(long n, Instant at, ObjectNode epcisEvent, EpcisDisclosurePolicy policy) {
        return new SdEventEnvelope(new SdJwtIssuer(signer), policy).issue(id, n, at.toString(), epcisEvent);
    }

    private ObjectNode header(long n, Instant at) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("dev", id).put("seq", n).put("ts", at.toString());
        return payload;
    }

    public byte[] sign(ObjectNode payload) {
        return signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    public byte[] signRaw(byte[] payload) {
        return signer.sign(payload);
    }
}
