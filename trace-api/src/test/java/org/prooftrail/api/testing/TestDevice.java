package org.prooftrail.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.JwsSigner;

/**
 * A device of the API's tests: its organisation, id, an Ed25519 key and a sequence counter, signing
 * envelopes with core's {@link JwsSigner} exactly as a real device does, so the API's tests need neither
 * the simulator nor ingest to make them.
 */
public final class TestDevice {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String org;
    private final String id;
    private final String kid;
    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final JwsSigner signer;
    private final AtomicLong seq;

    public TestDevice(String org, String id, long firstSeq) {
        this.org = org;
        this.id = id;
        this.kid = id + "-k1";
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

    public String publicKeyPem() {
        return PublicKeys.toPem(key.verifyingKey());
    }

    /** The MQTT topic a real device publishes its events to. */
    public String eventsTopic() {
        return "pt/v1/" + org + "/" + id + "/events";
    }

    /** A signed envelope carrying one EPCIS event (its JSON), at the next seq. */
    public byte[] event(Instant at, ObjectNode epcisEvent) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("dev", id).put("seq", seq.getAndIncrement()).put("ts", at.toString());
        payload.set("event", epcisEvent);
        return signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
    }
}
