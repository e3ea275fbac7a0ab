package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;

/**
 * The evm ledger against a real Hardhat node: deploy, publish, check the receipt offline and on
 * chain, and the ways publishing fails. Needs Node.js and npm; Hardhat itself is installed on first
 * use into a cache outside the repository (see {@link HardhatInstall}).
 */
@Timeout(60)
class EvmLedgerHardhatTest {
    private static HardhatNode node;
    private static String contract;

    @BeforeAll
    @Timeout(900) // the first run on a machine installs Hardhat (about 20 s, more on a slow link)
    static void startNodeAndDeploy() throws Exception {
        node = HardhatNode.start();
        contract = EvmLedger.deploy(settings(HardhatNode.KEY_0, null));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Hardhat mines each transaction at once, so the receipt poll can be short and fast. */
    private static EvmSettings settings(String key, String contractAddress) {
        return EvmSettings.of(node.rpcUrl(), HardhatNode.CHAIN_ID, key, contractAddress)
                .withReceiptWait(Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    private static Receipt publish(String note) throws LedgerException {
        try (EvmLedger ledger = new EvmLedger(settings(HardhatNode.KEY_0, contract))) {
            return ledger.publish(note);
        }
    }

    @Test
    void deployedTheCommittedContract() throws LedgerException {
        assertTrue(contract.matches("0x[0-9a-f]{40}"), contract);
        try (EvmNode evm = new EvmNode(node.rpcUrl(), Duration.ofSeconds(5))) {
            assertTrue(evm.code(contract).length() > 100, "no code at " + contract);
        }
    }

    @Test
    void publishesAReceiptThatChecksOnlineAndOffline() throws Exception {
        String note = TestNotes.note(1001, TestNotes.root(11));
        Receipt receipt = publish(note);

        assertEquals(EvmLedger.NAME, receipt.ledger());
        Map<String, Object> evidence = receipt.evidence();
        assertEquals(HardhatNode.CHAIN_ID, evidence.get("chainId"));
        assertEquals(contract, evidence.get("contract"));
        assertTrue(((String) evidence.get("txHash")).matches("0x[0-9a-f]{64}"), evidence.toString());
        assertTrue((Long) evidence.get("blockNumber") > 0, evidence.toString());
        assertEquals(HexFormat.of().formatHex(AnchoredNote.sha256(note)), evidence.get("noteSha256"));
        // EIP-155: v is chainId * 2 + 35 or + 36, so the signature is bound to chain 31337.
        String tx = node.rpc("eth_getTransactionByHash", "[\"" + evidence.get("txHash") + "\"]");
        assertTrue(tx.contains("\"v\":\"0xf4f5\"") || tx.contains("\"v\":\"0xf4f6\""), tx);

        assertNull(new EvmReceiptCheck().problem(note, receipt));
        try (EvmReceiptCheck online = new EvmReceiptCheck(node.rpcUrl())) {
            assertNull(online.problem(note, receipt));
        }
    }

    @Test
    void anotherNoteFailsBothChecks() throws LedgerException {
        String note = TestNotes.note(1002, TestNotes.root(12));
        Receipt receipt = publish(note);
        String other = TestNotes.note(1002, TestNotes.root(13));

        String offline = new EvmReceiptCheck().problem(other, receipt);
        assertTrue(offline != null && offline.contains("SHA-256"), offline);
        try (EvmReceiptCheck online = new EvmReceiptCheck(node.rpcUrl())) {
            String problem = online.problem(other, receipt);
            assertTrue(problem != null && problem.contains("SHA-256"), problem);
        }
    }

    @Test
    void onlyTheChainCatchesAReceiptRelabelledForAnotherNote() throws LedgerException {
        Receipt real = publish(TestNotes.note(1003, TestNotes.root(14)));
        // A forger reuses a real transaction for a note that was never anchored and fixes up the
        // hash: the form is perfect, so only the event on chain can tell.
        String forged = TestNotes.note(1003, TestNotes.root(15));
        Map<String, Object> evidence = new HashMap<>(real.evidence());
        evidence.put("noteSha256", HexFormat.of().formatHex(AnchoredNote.sha256(forged)));
        Receipt relabelled = new Receipt(EvmLedger.NAME, evidence);

        assertNull(new EvmReceiptCheck().problem(forged, relabelled));
        try (EvmReceiptCheck online = new EvmReceiptCheck(node.rpcUrl())) {
            String problem = online.problem(forged, relabelled);
            assertTrue(problem != null && problem.contains("Anchored event"), problem);
        }
    }

    @Test
    void theChainCatchesAWrongBlockOrTransaction() throws LedgerException {
        String note = TestNotes.note(1004, TestNotes.root(16));
        Receipt real = publish(note);
        try (EvmReceiptCheck online = new EvmReceiptCheck(node.rpcUrl())) {
            Map<String, Object> wrongBlock = new HashMap<>(real.evidence());
            wrongBlock.put("blockNumber", (Long) real.evidence().get("blockNumber") + 1);
            String problem = online.problem(note, new Receipt(EvmLedger.NAME, wrongBlock));
            assertTrue(problem != null && problem.contains("block"), problem);

            Map<String, Object> unknownTx = new HashMap<>(real.evidence());
            unknownTx.put("txHash", "0x" + "cd".repeat(32));
            problem = online.problem(note, new Receipt(EvmLedger.NAME, unknownTx));
            assertTrue(problem != null && problem.contains("not on chain"), problem);

            Map<String, Object> otherChain = new HashMap<>(real.evidence());
            otherChain.put("chainId", 1L);
            problem = online.problem(note, new Receipt(EvmLedger.NAME, otherChain));
            assertTrue(problem != null && problem.contains("serves chain 31337"), problem);
        }
    }

    @Test
    void anotherAccountCannotAnchor() {
        try (EvmLedger stranger = new EvmLedger(settings(HardhatNode.KEY_1, contract))) {
            LedgerException e = assertThrows(LedgerException.class, () -> stranger.publish(TestNotes.note(1, TestNotes.root(1))));
            assertTrue(e.getMessage().contains("revert") && e.getMessage().contains("NotOwner"), e.getMessage());
        }
    }

    @Test
    void anAddressWithoutTheContractIsNoticed() {
        try (EvmLedger misconfigured = new EvmLedger(settings(HardhatNode.KEY_0, HardhatNode.ADDRESS_2))) {
            LedgerException e = assertThrows(LedgerException.class, () -> misconfigured.publish(TestNotes.note(1, TestNotes.root(1))));
            assertTrue(e.getMessage().contains("no matching Anchored event"), e.getMessage());
        }
    }

    @Test
    void aWrongChainIdIsNamed() {
        EvmSettings wrong = EvmSettings.of(node.rpcUrl(), 1, HardhatNode.KEY_0, contract);
        try (EvmLedger ledger = new EvmLedger(wrong)) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.publish(TestNotes.note(1, TestNotes.root(1))));
            assertTrue(e.getMessage().contains("serves chain 31337") && e.getMessage().contains(EvmSettings.CHAIN_ID), e.getMessage());
        }
    }

    @Test
    void aTransactionThatIsNotMinedTimesOut() throws Exception {
        node.rpc("evm_setAutomine", "[false]");
        try (EvmLedger ledger = new EvmLedger(settings(HardhatNode.KEY_0, contract).withReceiptWait(Duration.ofMillis(500), Duration.ofMillis(50)))) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.publish(TestNotes.note(1005, TestNotes.root(17))));
            assertTrue(e.getMessage().contains("no receipt") && e.getMessage().contains("500 ms"), e.getMessage());
        } finally {
            node.rpc("evm_setAutomine", "[true]");
            node.rpc("evm_mine", "[]");
        }
    }
}
