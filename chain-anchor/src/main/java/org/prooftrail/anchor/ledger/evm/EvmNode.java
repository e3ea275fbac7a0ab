package org.prooftrail.anchor.ledger.evm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.prooftrail.anchor.ledger.LedgerException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * One EVM node over JSON-RPC, with every failure turned into a {@link LedgerException} that says
 * which node and which call: unreachable, too slow, or a refusal with the node's own words.
 */
final class EvmNode implements AutoCloseable {
    /**
     * web3j wants a scheduler for its polling Observables, which this package never uses. One
     * shared idle daemon scheduler avoids {@code Web3j.build}'s default, a new thread pool plus a
     * JVM shutdown hook per instance, which would leak with every short-lived receipt check.
     */
    private static final ScheduledExecutorService UNUSED_SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web3j-scheduler");
        t.setDaemon(true);
        return t;
    });

    private final String shownUrl;
    private final OkHttpClient http;
    private final Web3j web3j;

    EvmNode(String rpcUrl, Duration timeout) {
        this.shownUrl = redact(rpcUrl);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .build();
        this.web3j = Web3j.build(new HttpService(rpcUrl, http), 1000L, UNUSED_SCHEDULER);
    }

    /**
     * The URL as shown in messages and logs: scheme, host and port only, since hosted RPC
     * endpoints often carry an API key in the path or query.
     */
    static String redact(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(malformed URL)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (Exception e) {
            return "(malformed URL)";
        }
    }

    String shownUrl() {
        return shownUrl;
    }

    long chainId() throws LedgerException {
        return call("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
    }

    BigInteger pendingNonce(String address) throws LedgerException {
        return call("eth_getTransactionCount", web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING))
                .getTransactionCount();
    }

    BigInteger gasPrice() throws LedgerException {
        return call("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
    }

    /** The gas the node expects the call to use; a refusal here usually means the call would revert. */
    BigInteger estimateGas(Transaction tx) throws LedgerException {
        return call("eth_estimateGas", web3j.ethEstimateGas(tx)).getAmountUsed();
    }

    /** Sends a signed transaction and returns the hash the node gives it. */
    String sendRaw(String signedHex) throws LedgerException {
        return call("eth_sendRawTransaction", web3j.ethSendRawTransaction(signedHex)).getTransactionHash();
    }

    /** The receipt, or empty while the transaction is pending or unknown to the node. */
    Optional<TransactionReceipt> receipt(String txHash) throws LedgerException {
        return call("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
    }

    String code(String address) throws LedgerException {
        return call("eth_getCode", web3j.ethGetCode(address, DefaultBlockParameterName.LATEST)).getCode();
    }

    private <T extends Response<?>> T call(String method, Request<?, T> request) throws LedgerException {
        T response;
        try {
            response = request.send();
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw new LedgerException("EVM node at " + shownUrl + " is unreachable (" + method + "): " + e.getMessage(), e);
        } catch (InterruptedIOException e) {
            // OkHttp reports its connect, read and call timeouts as InterruptedIOException subtypes.
            throw new LedgerException("EVM node at " + shownUrl + " did not answer " + method + " in time: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new LedgerException("EVM node at " + shownUrl + " failed on " + method + ": " + e.getMessage(), e);
        } catch (ClientConnectionException e) {
            // web3j's wrapper for an HTTP status other than 2xx (a proxy error, a wrong path, a rate limit).
            throw new LedgerException("EVM node at " + shownUrl + " answered " + method + " with an HTTP error: " + e.getMessage(), e);
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            String message = error.getMessage() == null ? "(no message)" : error.getMessage();
            // Geth puts revert data beside the message; Hardhat repeats it inside. Add it only when new.
            String data = error.getData();
            boolean newData = data != null && data.matches("0x[0-9a-fA-F]*") && !message.contains(data);
            throw new LedgerException("EVM node at " + shownUrl + " refused " + method + ": " + message
                    + (newData ? " (revert data " + data + ")" : ""));
        }
        return response;
    }

    /**
     * Releases the HTTP client. Not {@code web3j.shutdown()}: that would also shut the scheduler
     * shared by every node in this JVM.
     */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
