package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.ledger.Receipt;

/** What the receipt alone can show, without a node. */
class EvmReceiptCheckOfflineTest {
    private final EvmReceiptCheck check = new EvmReceiptCheck();
    private final String note = TestNotes.note(17, TestNotes.root(4));

    private Map<String, Object> evidence() {
        Map<String, Object> e = new HashMap<>();
        e.put("chainId", 31337L);
        e.put("contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3");
        e.put("txHash", "0x" + "ab".repeat(32));
        e.put("blockNumber", 2L);
        e.put("noteSha256", HexFormat.of().formatHex(AnchoredNote.sha256(note)));
        return e;
    }

    private String problem(Map<String, Object> evidence) {
        return check.problem(note, new Receipt(EvmLedger.NAME, evidence));
    }

    @Test
    void acceptsAWellFormedReceiptForThisNote() {
        assertNull(problem(evidence()));
    }

    @Test
    void acceptsWhatAJsonRoundTripMakesOfNumbers() {
        Map<String, Object> e = evidence();
        e.put("chainId", 31337);
        e.put("blockNumber", "2");
        e.put("txHash", ((String) e.get("txHash")).toUpperCase().replace("0X", "0x"));
        assertNull(problem(e));
    }

    @Test
    void rejectsAnotherNote() {
        String other = TestNotes.note(17, TestNotes.root(5));
        String problem = check.problem(other, new Receipt(EvmLedger.NAME, evidence()));
        assertTrue(problem != null && problem.contains("SHA-256"), problem);
    }

    @Test
    void rejectsAnotherLedgersReceipt() {
        String problem = check.problem(note, new Receipt("local", evidence()));
        assertTrue(problem != null && problem.contains("local"), problem);
    }

    @Test
    void namesTheMissingOrMalformedField() {
        for (String key : new String[] {"chainId", "contract", "txHash", "blockNumber", "noteSha256"}) {
            Map<String, Object> e = evidence();
            e.remove(key);
            String problem = problem(e);
            assertTrue(problem != null && problem.contains(key), key + ": " + problem);
        }
        assertMalformed("txHash", "0x1234");
        assertMalformed("contract", "5fbdb2315678afecb367f032d93f642f64180aa3");
        assertMalformed("noteSha256", "0x" + evidence().get("noteSha256"));
        assertMalformed("blockNumber", -1L);
        assertMalformed("chainId", "0x7a69");
    }

    @Test
    void rejectsANoteThatIsNotACheckpoint() {
        String problem = check.problem("hello\n", new Receipt(EvmLedger.NAME, evidence()));
        assertTrue(problem != null, "accepted a non-checkpoint");
    }

    private void assertMalformed(String key, Object value) {
        Map<String, Object> e = evidence();
        e.put(key, value);
        String problem = problem(e);
        assertTrue(problem != null && problem.contains(key), key + "=" + value + ": " + problem);
    }
}
