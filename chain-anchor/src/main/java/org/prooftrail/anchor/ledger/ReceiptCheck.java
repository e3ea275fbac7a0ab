package org.prooftrail.anchor.ledger;

/**
 * Checks a receipt against the signed checkpoint it claims to cover, offline where the ledger
 * allows it (an RFC 3161 token carries its own signature; a chain receipt can be checked for form
 * offline and against a node when one is given).
 */
public interface ReceiptCheck {
    /** Null when the receipt covers the note, otherwise what is wrong. */
    String problem(String signedNote, Receipt receipt);
}
