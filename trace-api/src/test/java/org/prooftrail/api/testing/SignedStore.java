package org.prooftrail.api.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.Database;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchOutcome;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.store.registry.StoredKey;

/**
 * Stores events as MQTT ingest would: a registered device signs each envelope, core's
 * {@link EnvelopeVerifier} verifies it against the key registered for it, and the store's
 * {@link BatchWriter} writes the batch (one chunk per call).
 */
public final class SignedStore {
    private final Database db;
    private final DeviceRegistry registry;
    private final BatchWriter writer;
    private final EnvelopeVerifier verifier;

    public SignedStore(Database db) {
        this.db = db;
        this.registry = new DeviceRegistry(db.dataSource());
        this.writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1_000_000);
        this.verifier = new EnvelopeVerifier(this::registeredKey);
    }

    public Database db() {
        return db;
    }

    /** Registers the organisation (if new), the device and its key. */
    public SigningDevice device(String org, String deviceId) throws Exception {
        return new SigningDevice(org, deviceId).register(db.dataSource());
    }

    /** Signs each event as its own envelope from {@code device}, at its event time, and stores them as one batch. */
    public BatchOutcome store(SigningDevice device, ObjectNode... events) throws Exception {
        return store(device, false, events);
    }

    /** As {@link #store}, each event sent as an SD-JWT under the default disclosure policy. */
    public BatchOutcome storeAsSdJwt(SigningDevice device, ObjectNode... events) throws Exception {
        return store(device, true, events);
    }

    private BatchOutcome store(SigningDevice device, boolean sdJwt, ObjectNode... events) throws Exception {
        List<AcceptedEnvelope> batch = new ArrayList<>();
        for (ObjectNode e : events) {
            Instant at = Instant.parse(e.get("eventTime").asText());
            byte[] jws = sdJwt ? device.sdJwtEvent(at, e) : device.event(at, e);
            VerificationResult r = verifier.verify(jws);
            if (r instanceof Rejection rejection) {
                throw new IllegalStateException("fixture event refused: " + rejection.reason() + " " + rejection.message());
            }
            VerifiedEnvelope v = (VerifiedEnvelope) r;
            StoredKey key = registry.findKey(v.kid()).orElseThrow();
            if (!key.deviceId().equals(device.id()) || !key.orgId().equals(device.org())) {
                throw new IllegalStateException("fixture key " + v.kid() + " is not registered to " + device.id());
            }
            batch.add(new AcceptedEnvelope(v, key.orgId(), new Origin.MqttTopic(device.eventsTopic())));
        }
        return writer.write(batch);
    }

    /** The key as the registry holds it, read back as ingest's key cache would. */
    private Optional<DeviceKey> registeredKey(String kid) {
        try {
            Optional<StoredKey> stored = registry.findKey(kid);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            StoredKey s = stored.get();
            return Optional.of(new DeviceKey(s.kid(), s.deviceId(), PublicKeys.fromPem(s.publicKeyPem()), s.revoked()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read key " + kid, e);
        }
    }
}
