package org.prooftrail.store.envelopes;

import org.prooftrail.core.identifiers.EpcKey;

/**
 * One row of table {@code event_epc}: an identifier the event names as it was written, its
 * canonical key ({@link EpcKey}, what lookups match on) and the role it plays there.
 */
public record EpcRow(String epc, String key, String role) {
    /** The row ingest derives: the key computed from the identifier. */
    public EpcRow(String epc, String role) {
        this(epc, EpcKey.of(epc), role);
    }
}
