package org.prooftrail.store.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A commitment-compliance certificate as stored: its index columns, the content that its signed
 * event carries, and who recorded receiving it.
 *
 * @param eventId the eventID of the attested ObjectEvent that carries it
 * @param device  the signing pseudo-device of that event's envelope, with {@code seq}: its proof's address
 * @param content the certificate as issued; read-only
 */
public record StoredCertificate(String id, String org, String gtin, String lot, LocalDate issuedOn, String eventId,
                                String device, long seq, JsonNode content, Instant createdAt, List<Receipt> receipts) {
    public StoredCertificate {
        receipts = List.copyOf(receipts);
    }

    /** A purchaser's record of receiving the certificate with the goods. */
    public record Receipt(String org, String eventId, Instant receivedAt) {
    }
}
