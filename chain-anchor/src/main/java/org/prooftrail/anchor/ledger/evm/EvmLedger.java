package org.prooftrail.anchor.ledger.evm;

import java.util.HexFormat;
import java.util.Locale;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.core.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Publishes checkpoints to an Ethereum-compatible chain: one {@code anchor(size, root, noteHash)}
 * call of the CheckpointAnchor contract per signed note, and a {@link Receipt} naming the chain,
 * contract, transaction and block. See {@link EvmReceiptCheck} for checking it.
 */
public final class EvmLedger implements Ledger {
    public static final String NAME = "evm";

    private static final Logger LOG = LoggerFactory.getLogger(EvmLedger.class);

    private final EvmSettings settings;
    private final EvmNode node;
    private final TransactionSender sender;
    private boolean chainChecked;

    public EvmLedger(EvmSettings settings) {
        if (settings.contract() == null) {
            throw new ConfigException(EvmSettings.CONTRACT,
                    "is not set; deploy the anchor contract first (EvmLedger.deploy) and set its address");
        }
        this.settings = settings;
        this.node = new EvmNode(settings.rpcUrl(), settings.rpcTimeout());
        this.sender = sender(node, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Synchronized because the nonce is read from the node per transaction: two concurrent
     * publishes from one account could otherwise sign with the same nonce and one would be lost.
     */
    @Override
    public synchronized Receipt publish(String signedNote) throws LedgerException {
        AnchoredNote note;
        try {
            note = AnchoredNote.of(signedNote);
        } catch (IllegalArgumentException e) {
            throw new LedgerException("not a checkpoint note: " + e.getMessage(), e);
        }
        if (!chainChecked) {
            requireChain(node, settings.chainId());
            chainChecked = true;
        }
        TransactionReceipt receipt;
        try {
            receipt = sender.send(settings.contract(), AnchorContract.anchorCall(note));
        } catch (LedgerException e) {
            String why = AnchorContract.explainRevert(e.getMessage()).orElse(null);
            if (why != null) {
                throw new LedgerException("anchor refused by " + settings.contract() + ": " + why + " (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        String txHash = receipt.getTransactionHash().toLowerCase(Locale.ROOT);
        // A call to an address without this contract's code also succeeds, silently and without a
        // log: only the event shows that the anchor really happened.
        boolean logged = AnchorContract.anchoredEvents(receipt.getLogs(), settings.contract()).stream().anyMatch(a -> a.covers(note));
        if (!logged) {
            throw new LedgerException("transaction " + txHash + " succeeded but " + settings.contract()
                    + " logged no matching Anchored event: is " + EvmSettings.CONTRACT + " the CheckpointAnchor contract's address?");
        }
        EvmEvidence evidence = new EvmEvidence(settings.chainId(), settings.contract(), txHash,
                receipt.getBlockNumber().longValueExact(), HexFormat.of().formatHex(note.noteSha256()));
        LOG.info("anchored checkpoint of size {} on chain {}: transaction {} in block {}",
                note.checkpoint().size(), evidence.chainId(), evidence.txHash(), evidence.blockNumber());
        return new Receipt(NAME, evidence.toMap());
    }

    /**
     * Deploys the committed CheckpointAnchor bytecode from the settings' account, which becomes the
     * only one allowed to anchor, and returns the new contract's address (lower-case 0x-hex).
     * {@code settings.contract()} is ignored.
     */
    public static String deploy(EvmSettings settings) throws LedgerException {
        try (EvmNode node = new EvmNode(settings.rpcUrl(), settings.rpcTimeout())) {
            requireChain(node, settings.chainId());
            TransactionReceipt receipt = sender(node, settings).send(null, AnchorContract.creationBytecode());
            String address = receipt.getContractAddress();
            if (address == null) {
                throw new LedgerException("deployment transaction " + receipt.getTransactionHash() + " has no contract address in its receipt");
            }
            address = address.toLowerCase(Locale.ROOT);
            LOG.info("deployed CheckpointAnchor on chain {} at {} (owner {})", settings.chainId(), address, credentials(settings).getAddress());
            return address;
        }
    }

    @Override
    public void close() {
        node.close();
    }

    /** A node on another chain would reject every signed transaction with a vaguer message. */
    private static void requireChain(EvmNode node, long expected) throws LedgerException {
        long actual = node.chainId();
        if (actual != expected) {
            throw new LedgerException("EVM node at " + node.shownUrl() + " serves chain " + actual + " but "
                    + EvmSettings.CHAIN_ID + " is " + expected);
        }
    }

    private static TransactionSender sender(EvmNode node, EvmSettings settings) {
        return new TransactionSender(node, credentials(settings), settings.chainId(),
                new ReceiptPoller(settings.receiptTimeout(), settings.pollInterval()));
    }

    private static Credentials credentials(EvmSettings settings) {
        return Credentials.create(settings.privateKey());
    }
}
