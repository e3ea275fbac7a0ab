package org.prooftrail.anchor.ledger;

/** Publishing to a ledger failed; the anchorer retries later, the checkpoint stays unpublished. */
public class LedgerException extends Exception {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
