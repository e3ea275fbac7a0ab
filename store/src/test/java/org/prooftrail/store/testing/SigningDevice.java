package org.prooftrail.store.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwtIssuer;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import javax.sql.DataSource;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * A test device that signs envelopes with core's signer and verifies them with core's verifier, so
 * the writer is fed what verification hands it in production, without any transport. The one
 * signing device of the store's and the API's tests (packaged in store's test-jar).
 */
public final class SigningDevice {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String org;
    private final String id;
    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final JwsSigner signer;
    private final EnvelopeVerifier verifier;
    private long seq;

    public SigningDevice(String org, String id) {
        this(org, id, 0);
    }

    /** @param firstSeq the seq of the first envelope (time-based seqs start at a clock reading) */
    public SigningDevice(String org, String id, long firstSeq) {
        this.org = org;
        this.id = id;
        this.seq = firstSeq;
        this.signer = new JwsSigner(kid(), key);
        DeviceKey deviceKey = DeviceKey.active(kid(), id, key.verifyingKey());
        this.verifier = new EnvelopeVerifier(kid -> kid.equals(kid()) ? java.util.Optional.of(deviceKey) : java.util.Optional.empty());
    }

    public String org() {
        return org;
    }

    public String id() {
        return id;
    }

    public String kid() {
        return id + "-k1";
    }

    public String eventsTopic() {
        return "pt/v1/" + org + "/" + id + "/events";
    }

    public String readingsTopic() {
        return "pt/v1/" + org + "/" + id + "/readings";
    }

    /** Registers the organisation (if new), the device and its key. */
    public SigningDevice register(DataSource db) throws SQLException {
        new Organisations(db).ensure(org, org);
        DeviceRegistry registry = new DeviceRegistry(db);
        registry.registerDevice(org, id, "gateway");
        registry.addKey(id, kid(), "EdDSA", publicKeyPem());
        return this;
    }

    /** A signed envelope carrying one EPCIS event, at the next seq. */
    public byte[] event(Instant at, ObjectNode epcisEvent) {
        ObjectNode payload = header(seq++, at);
        payload.set("event", epcisEvent);
        return sign(payload);
    }

    /** The same as an SD-JWT under the default disclosure policy: the issuer-signed JWT, then every disclosure. */
    public byte[] sdJwtEvent(Instant at, ObjectNode epcisEvent) {
        return new SdEventEnvelope(new SdJwtIssuer(signer), EpcisDisclosurePolicy.defaults())
                .issue(id, seq++, at.toString(), epcisEvent).serialize().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A signed and verified envelope carrying one EPCIS event at seq {@code n}, as HTTP capture makes them. */
    public VerifiedEnvelope eventWithSeq(long n, Instant at, com.fasterxml.jackson.databind.JsonNode epcisEvent) {
        ObjectNode payload = header(n, at);
        payload.set("event", epcisEvent);
        return verified(sign(payload));
    }

    /** A signed envelope with one reading per temperature, a second apart, at {@code n}. */
    public byte[] readingsWithSeq(long n, Instant at, double... temperatures) {
        ObjectNode payload = header(n, at);
        ArrayNode list = payload.putArray("readings");
        for (int i = 0; i < temperatures.length; i++) {
            list.addObject().put("t", at.plusSeconds(i).toString()).put("temp", temperatures[i]).put("hum", 55.0);
        }
        return sign(payload);
    }

    private ObjectNode header(long n, Instant at) {
        return JSON.createObjectNode().put("dev", id).put("seq", n).put("ts", at.toString());
    }

    /** The next seq, for payloads built by the caller. */
    public long nextSeq() {
        return seq++;
    }

    /** The key as a verifier knows it. */
    public DeviceKey deviceKey() {
        return DeviceKey.active(kid(), id, key.verifyingKey());
    }

    public String publicKeyPem() {
        return PublicKeys.toPem(key.verifyingKey());
    }

    /** Signs a payload built by the caller (its {@code dev} and {@code seq} are the caller's to set). */
    public byte[] sign(ObjectNode payload) {
        return signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Verifies {@code jws} as ingest would and wraps it for the writer. */
    public AcceptedEnvelope accepted(byte[] jws, Origin origin) {
        return new AcceptedEnvelope(verified(jws), org, origin);
    }

    /** As received on this device's MQTT topic for the envelope's kind. */
    public AcceptedEnvelope overMqtt(byte[] jws) {
        VerifiedEnvelope v = verified(jws);
        return new AcceptedEnvelope(v, org, new Origin.MqttTopic(v.event().isPresent() ? eventsTopic() : readingsTopic()));
    }

    /** Verifies {@code jws} with this device's key. */
    public VerifiedEnvelope verified(byte[] jws) {
        VerificationResult r = verifier.verify(jws);
        if (r instanceof Rejection rejection) {
            throw new IllegalStateException("test envelope refused: " + rejection.reason() + " " + rejection.message());
        }
        return (VerifiedEnvelope) r;
    }
}
