package org.prooftrail.anchor.ledger;

import java.util.HexFormat;
import java.util.Map;
import org.prooftrail.store.log.NoteHash;

/**
 * The default ledger: the checkpoint journal in PostgreSQL itself, each checkpoint's signed text
 * naming the hash of its predecessor. Its receipt is the note's own hash; the chain is checked by
 * {@code prooftrail audit}. Stronger ledgers (evm, rfc3161) put the checkpoint outside the operator's reach.
 */
public final class LocalLedger implements Ledger {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Receipt publish(String signedNote) {
        return new Receipt(NAME, Map.of("journal", "postgresql", "noteSha256",
                HexFormat.of().formatHex(NoteHash.of(signedNote))));
    }

    /** The local receipt covers a note when it names that note's hash. */
    public static String problem(String signedNote, Receipt receipt) {
        Object named = receipt.evidence().get("noteSha256");
        String actual = HexFormat.of().formatHex(NoteHash.of(signedNote));
        return actual.equals(named) ? null : "the local receipt names note hash " + named + ", the note hashes to " + actual;
    }
}
