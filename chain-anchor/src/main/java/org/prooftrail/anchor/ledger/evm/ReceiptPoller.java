package org.prooftrail.anchor.ledger.evm;

import java.time.Duration;
import java.util.Optional;
import org.prooftrail.anchor.ledger.LedgerException;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for a transaction's receipt by asking the node at a fixed interval until a deadline.
 * Polling rather than a subscription because plain HTTP JSON-RPC is all that every EVM node
 * (Hardhat, Geth, FISCO BCOS in EVM mode, hosted endpoints) is sure to offer.
 */
final class ReceiptPoller {
    private final Duration timeout;
    private final Duration interval;

    ReceiptPoller(Duration timeout, Duration interval) {
        this.timeout = timeout;
        this.interval = interval;
    }

    TransactionReceipt await(EvmNode node, String txHash) throws LedgerException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = node.receipt(txHash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LedgerException("no receipt for transaction " + txHash + " from " + node.shownUrl() + " within "
                        + timeout.toMillis() + " ms: it is still pending or was dropped, and may yet be mined");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException("interrupted while waiting for the receipt of transaction " + txHash, e);
            }
        }
    }
}
