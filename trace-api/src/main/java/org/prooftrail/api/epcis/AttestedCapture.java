package org.prooftrail.api.epcis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.epcis.CaptureRefused;
import org.prooftrail.store.epcis.CaptureWriter;
import org.prooftrail.store.registry.DeviceRegistry;

/**
 * Captured events as envelopes the server vouches for: each event is signed by the organisation's
 * pseudo-device with the attestation key, and the store's {@link CaptureWriter} stores the whole
 * document in one transaction.
 */
final class AttestedCapture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaptureWriter writer;
    private final ServerAttestation attestation;
    private final DeviceRegistry registry;

    AttestedCapture(CaptureWriter writer, ServerAttestation attestation, DeviceRegistry registry) {
        this.writer = writer;
        this.attestation = attestation;
        this.registry = registry;
    }

    /** @return the chunk that holds the events */
    long store(String jobId, String org, List<EpcisEvent> events) throws SQLException, CaptureRefused {
        return store(jobId, org, events, CaptureWriter.AlsoStore.NOTHING);
    }

    /** Like {@link #store(String, String, List)}, with {@code also} in the events' transaction. */
    long store(String jobId, String org, List<EpcisEvent> events, CaptureWriter.AlsoStore also)
            throws SQLException, CaptureRefused {
        JwsSigner signer = attestation.signerFor(registry, org);
        String device = ServerAttestation.deviceFor(org);
        return writer.store(jobId, org, device, events, (event, seq, at) -> {
            ObjectNode payload = JSON.createObjectNode().put("dev", device).put("seq", seq).put("ts", at.toString());
            payload.set("event", event.json());
            byte[] jws = signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
            return new VerifiedEnvelope(jws, attestation.key().algorithm(), attestation.kid(device), device, seq, at, event);
        }, also);
    }

    /** eventIDs of the document that are already stored. */
    List<String> alreadyStored(List<EpcisEvent> events) throws SQLException {
        return writer.alreadyStored(events);
    }
}
