package org.prooftrail.anchor.ledger;

import java.util.Map;

/**
 * What a ledger gives back for a published checkpoint: which ledger, and its evidence as simple
 * JSON-able values (for example a chain id, transaction hash and block number, or a base64
 * RFC 3161 token). Stored with the checkpoint and carried in proof bundles.
 */
public record Receipt(String ledger, Map<String, Object> evidence) {
    public Receipt {
        evidence = Map.copyOf(evidence);
    }
}
