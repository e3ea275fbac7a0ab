package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;

/** A node that is not there: a loopback port that was free a moment ago and has no listener. */
class EvmLedgerUnreachableTest {
    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    @Timeout(30)
    void publishFailsWithTheNodeNamed() throws IOException {
        String url = deadUrl();
        EvmSettings settings = EvmSettings.of(url, 31337, HardhatNode.KEY_0, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
        try (EvmLedger ledger = new EvmLedger(settings)) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.publish(TestNotes.note(1, TestNotes.root(1))));
            assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains(url), e.getMessage());
        }
        LedgerException e = assertThrows(LedgerException.class, () -> EvmLedger.deploy(settings));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void anOnlineCheckSaysItCouldNotCheck() throws IOException {
        String note = TestNotes.note(1, TestNotes.root(1));
        Receipt receipt = new Receipt(EvmLedger.NAME, Map.of(
                "chainId", 31337L, "contract", "0x5fbdb2315678afecb367f032d93f642f64180aa3", "txHash", "0x" + "ab".repeat(32),
                "blockNumber", 1L, "noteSha256", HexFormat.of().formatHex(AnchoredNote.sha256(note))));
        try (EvmReceiptCheck check = new EvmReceiptCheck(deadUrl(), Duration.ofSeconds(5))) {
            String problem = check.problem(note, receipt);
            assertTrue(problem != null && problem.contains("cannot check") && problem.contains("unreachable"), problem);
        }
    }

    @Test
    void aNoteThatIsNotACheckpointIsRefusedBeforeAnyCall() throws IOException {
        EvmSettings settings = EvmSettings.of(deadUrl(), 31337, HardhatNode.KEY_0, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
        try (EvmLedger ledger = new EvmLedger(settings)) {
            LedgerException e = assertThrows(LedgerException.class, () -> ledger.publish("not a note"));
            assertTrue(e.getMessage().startsWith("not a checkpoint note"), e.getMessage());
        }
    }
}
