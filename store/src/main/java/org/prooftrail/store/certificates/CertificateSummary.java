package org.prooftrail.store.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A certificate as a list shows it: its content as issued, when it was recorded and how many receipts it has. */
public record CertificateSummary(String id, String org, JsonNode content, Instant createdAt, long receiptCount) {
}
