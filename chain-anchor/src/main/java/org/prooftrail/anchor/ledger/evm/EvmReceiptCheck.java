package org.prooftrail.anchor.ledger.evm;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.anchor.ledger.ReceiptCheck;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Checks an {@code evm} receipt against the signed note it claims to anchor.
 *
 * <p>Offline ({@link #EvmReceiptCheck()}) it checks what the receipt alone can show: every field is
 * present and well formed and {@code noteSha256} is the SHA-256 of this note. That catches a receipt
 * attached to the wrong note, not a made-up one. With a node ({@link #EvmReceiptCheck(String)}) it
 * also fetches the transaction's receipt from the chain and requires status 1, the same block, and an
 * {@code Anchored} event of the named contract carrying this note's size, root and hash.
 *
 * <p>Which contract to trust is the verifier's decision: this check confirms the anchor happened in
 * the contract the receipt names, so compare that address with the published one.
 */
public final class EvmReceiptCheck implements ReceiptCheck, AutoCloseable {
    private final EvmNode node;

    /** Checks form and note hash only; needs no network. */
    public EvmReceiptCheck() {
        this.node = null;
    }

    /** Also checks the receipt against the chain through this node's JSON-RPC. */
    public EvmReceiptCheck(String rpcUrl) {
        this(rpcUrl, EvmSettings.DEFAULT_RPC_TIMEOUT);
    }

    public EvmReceiptCheck(String rpcUrl, Duration timeout) {
        this.node = new EvmNode(rpcUrl, timeout);
    }

    @Override
    public String problem(String signedNote, Receipt receipt) {
        if (receipt == null) {
            return "no receipt";
        }
        if (!EvmLedger.NAME.equals(receipt.ledger())) {
            return "the receipt is from ledger '" + receipt.ledger() + "', not '" + EvmLedger.NAME + "'";
        }
        EvmEvidence evidence;
        AnchoredNote note;
        try {
            evidence = EvmEvidence.from(receipt.evidence());
            note = AnchoredNote.of(signedNote);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String noteHash = HexFormat.of().formatHex(note.noteSha256());
        if (!noteHash.equals(evidence.noteSha256())) {
            return "the receipt anchors a note with SHA-256 " + evidence.noteSha256() + ", but this note's is " + noteHash;
        }
        if (node == null) {
            return null;
        }
        try {
            return onChainProblem(evidence, note);
        } catch (LedgerException e) {
            return "cannot check the receipt on chain: " + e.getMessage();
        }
    }

    private String onChainProblem(EvmEvidence evidence, AnchoredNote note) throws LedgerException {
        long chain = node.chainId();
        if (chain != evidence.chainId()) {
            return "the node at " + node.shownUrl() + " serves chain " + chain + ", the receipt is for chain " + evidence.chainId();
        }
        Optional<TransactionReceipt> found = node.receipt(evidence.txHash());
        if (found.isEmpty()) {
            return "transaction " + evidence.txHash() + " is not on chain " + chain + " (not mined, dropped, or reorganised away)";
        }
        TransactionReceipt onChain = found.get();
        if (!TransactionSender.succeeded(onChain)) {
            return "transaction " + evidence.txHash() + " failed on chain (status " + onChain.getStatus() + ")";
        }
        if (onChain.getBlockNumber() == null || onChain.getBlockNumber().longValueExact() != evidence.blockNumber()) {
            return "transaction " + evidence.txHash() + " is in block " + onChain.getBlockNumber() + ", the receipt says " + evidence.blockNumber();
        }
        List<AnchorContract.Anchored> events = AnchorContract.anchoredEvents(onChain.getLogs(), evidence.contract());
        if (events.isEmpty()) {
            return "transaction " + evidence.txHash() + " has no Anchored event from " + evidence.contract();
        }
        if (events.stream().noneMatch(a -> a.covers(note))) {
            AnchorContract.Anchored a = events.get(0);
            return "the Anchored event of " + evidence.txHash() + " is for size " + a.treeSize() + ", root "
                    + HexFormat.of().formatHex(a.root()) + ", note " + HexFormat.of().formatHex(a.noteHash())
                    + "; this note has size " + note.checkpoint().size() + ", root " + HexFormat.of().formatHex(note.checkpoint().root());
        }
        return null;
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
