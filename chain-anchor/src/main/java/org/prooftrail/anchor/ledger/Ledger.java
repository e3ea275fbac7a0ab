package org.prooftrail.anchor.ledger;

/**
 * Somewhere a signed checkpoint is published so that the operator cannot later present another
 * history: a local journal, an Ethereum-compatible chain, or an RFC 3161 timestamp authority.
 */
public interface Ledger extends AutoCloseable {
    /** {@code local}, {@code evm} or {@code rfc3161}. */
    String name();

    /**
     * Publishes a signed checkpoint (the full signed note text) and returns the evidence.
     * Blocking; called from the anchorer's worker thread.
     */
    Receipt publish(String signedNote) throws LedgerException;

    @Override
    default void close() {
    }
}
