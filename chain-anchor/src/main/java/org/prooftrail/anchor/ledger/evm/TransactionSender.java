package org.prooftrail.anchor.ledger.evm;

import java.math.BigInteger;
import java.util.Locale;
import org.prooftrail.anchor.ledger.LedgerException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends one transaction from the configured account and waits until it is mined with status 1.
 *
 * <p>The transaction is signed here (legacy type with the chain id folded into v, EIP-155) and sent
 * raw, so the key never leaves this process and a transaction cannot be replayed on another chain.
 * Legacy rather than EIP-1559 because every EVM chain accepts it, including those without a base fee.
 */
final class TransactionSender {
    /** Headroom over the node's estimate; only the gas actually used is paid for. */
    private static final int GAS_MARGIN_PERCENT = 25;

    private final EvmNode node;
    private final Credentials credentials;
    private final long chainId;
    private final ReceiptPoller poller;

    TransactionSender(EvmNode node, Credentials credentials, long chainId, ReceiptPoller poller) {
        this.node = node;
        this.credentials = credentials;
        this.chainId = chainId;
        this.poller = poller;
    }

    String from() {
        return credentials.getAddress();
    }

    /** A call of {@code to} with {@code data}; {@code to == null} creates a contract from {@code data}. */
    TransactionReceipt send(String to, String data) throws LedgerException {
        String from = from();
        Transaction call = to == null
                ? Transaction.createContractTransaction(from, null, null, data)
                : Transaction.createFunctionCallTransaction(from, null, null, null, to, data);
        BigInteger estimate;
        try {
            estimate = node.estimateGas(call);
        } catch (LedgerException e) {
            if (e.getCause() == null && e.getMessage().toLowerCase(Locale.ROOT).contains("revert")) {
                throw new LedgerException("the transaction would revert, so it was not sent: " + e.getMessage());
            }
            throw e;
        }
        BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100));
        BigInteger nonce = node.pendingNonce(from);
        BigInteger gasPrice = node.gasPrice();
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        // The hash is known before sending, so a lost answer to the send still leaves something to poll.
        String txHash = Hash.sha3(signed);
        String accepted = node.sendRaw(signed);
        if (accepted != null && !accepted.equalsIgnoreCase(txHash)) {
            throw new LedgerException("EVM node at " + node.shownUrl() + " named the transaction " + accepted + " but its hash is " + txHash);
        }
        TransactionReceipt receipt = poller.await(node, txHash);
        // Status 1 exactly: a receipt without a status (pre-Byzantium) does not say the call succeeded.
        if (!succeeded(receipt)) {
            throw new LedgerException("transaction " + txHash + " was mined in block " + receipt.getBlockNumberRaw()
                    + " but reverted (status " + receipt.getStatus() + ")"
                    + (receipt.getRevertReason() != null ? ": " + receipt.getRevertReason() : ""));
        }
        return receipt;
    }

    static boolean succeeded(TransactionReceipt receipt) {
        String status = receipt.getStatus();
        try {
            return status != null && Numeric.decodeQuantity(status).equals(BigInteger.ONE);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
