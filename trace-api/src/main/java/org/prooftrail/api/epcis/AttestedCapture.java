package org.prooftrail.api.epcis;

import java.sql.SQLException;
import java.util.List;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtIssuer;
import org.prooftrail.store.epcis.CaptureRefused;
import org.prooftrail.store.epcis.CaptureWriter;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.DisclosurePolicies;

/**
 * Captured events as envelopes the server vouches for: each event is signed by the organisation's
 * pseudo-device with the attestation key as an SD-JWT under a disclosure policy, exactly as a device
 * signs its SD-JWT events (docs/envelope.md, "SD-JWT events"), so a captured event reveals no more to
 * whoever gets its envelope than a device's does. The store's {@link CaptureWriter} stores the whole
 * document in one transaction: the issuer-signed JWT as the envelope, its disclosures apart.
 */
final class AttestedCapture {
    private final CaptureWriter writer;
    private final ServerAttestation attestation;
    private final DeviceRegistry registry;
    private final DisclosurePolicies policies;

    AttestedCapture(CaptureWriter writer, ServerAttestation attestation, DeviceRegistry registry, DisclosurePolicies policies) {
        this.writer = writer;
        this.attestation = attestation;
        this.registry = registry;
        this.policies = policies;
    }

    /** Under the default disclosure policy. @return the chunk that holds the events */
    long store(String jobId, String org, List<EpcisEvent> events) throws SQLException, CaptureRefused {
        return store(jobId, org, events, EpcisDisclosurePolicy.defaults(), CaptureWriter.AlsoStore.NOTHING);
    }

    /**
     * Under the capturing organisation's disclosure policy as stored now (the default when it stored none),
     * read once for the whole document: every event of one capture is concealed alike.
     */
    long storeUnderOwnPolicy(String jobId, String org, List<EpcisEvent> events, CaptureWriter.AlsoStore also)
            throws SQLException, CaptureRefused {
        return store(jobId, org, events, policies.of(org).policy(), also);
    }

    /** Like {@link #store(String, String, List)}, concealing what {@code policy} says, with {@code also} in the events' transaction. */
    long store(String jobId, String org, List<EpcisEvent> events, EpcisDisclosurePolicy policy, CaptureWriter.AlsoStore also)
            throws SQLException, CaptureRefused {
        SdEventEnvelope issuer = new SdEventEnvelope(new SdJwtIssuer(attestation.signerFor(registry, org)), policy);
        String device = ServerAttestation.deviceFor(org);
        String kid = attestation.kid(device);
        return writer.store(jobId, org, device, events, (event, seq, at) -> {
            SdJwt sd = issuer.issue(device, seq, at.toString(), event.json());
            // The event as captured is what is stored and indexed: the disclosures reveal exactly it.
            return new VerifiedEnvelope(sd.jwtBytes(), attestation.key().algorithm(), kid, device, seq, at, event, sd.disclosures());
        }, also);
    }

    /** eventIDs of the document that are already stored. */
    List<String> alreadyStored(List<EpcisEvent> events) throws SQLException {
        return writer.alreadyStored(events);
    }
}
