package org.prooftrail.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.EnvelopeLimits;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.store.BatchOutcome;
import org.prooftrail.ingest.store.BatchWriter;
import org.prooftrail.ingest.verify.Checked;
import org.prooftrail.ingest.verify.EnvelopeCheck;
import org.prooftrail.ingest.verify.KeyCache;

/**
 * Stores events exactly as MQTT ingest would: a registered device signs each envelope, ingest's
 * {@link EnvelopeCheck} verifies it against the registry, and {@link BatchWriter} writes the batch
 * (one chunk per call).
 */
public final class SignedStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered device that signs envelopes with its own key, one seq after another. */
    public static final class Device {
        private final String org;
        private final String id;
        private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        private final JwsSigner signer;
        private long seq;

        private Device(String org, String id) {
            this.org = org;
            this.id = id;
            this.signer = new JwsSigner(kid(), key);
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

        String eventsTopic() {
            return "pt/v1/" + org + "/" + id + "/events";
        }

        /** A signed envelope carrying one EPCIS event, at the next seq. */
        byte[] event(Instant at, ObjectNode epcisEvent) {
            ObjectNode payload = JSON.createObjectNode().put("dev", id).put("seq", seq++).put("ts", at.toString());
            payload.set("event", epcisEvent);
            return signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Database db;
    private final DeviceRegistry registry;
    private final BatchWriter writer;
    private EnvelopeCheck check;

    public SignedStore(Database db) {
        this.db = db;
        this.registry = new DeviceRegistry(db.dataSource());
        this.writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1_000_000);
    }

    public Database db() {
        return db;
    }

    /** Registers the organisation (if new), the device and its key. */
    public Device device(String org, String deviceId) throws Exception {
        new Organisations(db.dataSource()).ensure(org, org);
        Device d = new Device(org, deviceId);
        registry.registerDevice(org, deviceId, "gateway");
        registry.addKey(deviceId, d.kid(), "EdDSA", PublicKeys.toPem(d.key.verifyingKey()));
        check = null; // the key cache is built on first use, after registrations
        return d;
    }

    /** Signs each event as its own envelope from {@code device}, at its event time, and stores them as one batch. */
    public BatchOutcome store(Device device, ObjectNode... events) throws Exception {
        List<Checked> batch = new ArrayList<>();
        for (ObjectNode e : events) {
            byte[] jws = device.event(Instant.parse(e.get("eventTime").asText()), e);
            Checked c = check().check(new InboundMessage(device.eventsTopic(), jws, 1, 1, 0, System.nanoTime()));
            if (c instanceof Checked.Refused r) {
                throw new IllegalStateException("fixture event refused: " + r.reason() + " " + r.detail());
            }
            batch.add(c);
        }
        return writer.write(batch);
    }

    private EnvelopeCheck check() throws Exception {
        if (check == null) {
            check = new EnvelopeCheck(new KeyCache(registry), EnvelopeLimits.defaults(), Duration.ofMinutes(5), Clock.systemUTC());
        }
        return check;
    }
}
