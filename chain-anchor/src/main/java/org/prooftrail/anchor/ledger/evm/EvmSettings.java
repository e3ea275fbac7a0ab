package org.prooftrail.anchor.ledger.evm;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.web3j.crypto.Sign;

/**
 * Where the EVM ledger publishes and as whom. {@code contract} is null until the anchor contract is
 * deployed ({@link EvmLedger#deploy} needs everything else); {@link EvmLedger} requires it.
 *
 * <p>The private key is a secret: {@link #toString()} leaves it out and no validation message
 * repeats it, so these settings can be logged.
 */
public record EvmSettings(
        String rpcUrl,
        long chainId,
        String privateKey,
        String contract,
        Duration rpcTimeout,
        Duration receiptTimeout,
        Duration pollInterval) {
    public static final String RPC_URL = "PT_EVM_RPC_URL";
    public static final String CHAIN_ID = "PT_EVM_CHAIN_ID";
    public static final String PRIVATE_KEY = "PT_EVM_PRIVATE_KEY";
    public static final String CONTRACT = "PT_EVM_CONTRACT";
    public static final String RPC_TIMEOUT = "PT_EVM_RPC_TIMEOUT";
    public static final String RECEIPT_TIMEOUT = "PT_EVM_RECEIPT_TIMEOUT";
    public static final String RECEIPT_POLL = "PT_EVM_RECEIPT_POLL";

    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a few blocks on a public chain; the anchorer retries after it anyway. */
    public static final Duration DEFAULT_RECEIPT_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    public EvmSettings {
        validateUrl(rpcUrl);
        if (chainId <= 0) {
            throw new ConfigException(CHAIN_ID, "must be a positive chain id, got " + chainId);
        }
        validateKey(privateKey);
        if (contract != null) {
            if (!ADDRESS.matcher(contract).matches()) {
                throw new ConfigException(CONTRACT, "must be a contract address such as 0x5FbDB2315678afecb367f032d93F642f64180aa3, got '" + contract + "'");
            }
            contract = contract.toLowerCase(Locale.ROOT);
        }
        requirePositive(RPC_TIMEOUT, rpcTimeout);
        requirePositive(RECEIPT_TIMEOUT, receiptTimeout);
        requirePositive(RECEIPT_POLL, pollInterval);
    }

    /** Settings for publishing, read from {@code PT_EVM_*}; {@code PT_EVM_CONTRACT} may be unset before deployment. */
    public static EvmSettings from(Settings s) {
        return new EvmSettings(
                s.required(RPC_URL, "the node's JSON-RPC URL such as http://127.0.0.1:8545"),
                chainId(s.required(CHAIN_ID, "the chain id, such as 1 or 31337")),
                s.required(PRIVATE_KEY, "the publishing account's secp256k1 private key, 64 hex digits"),
                s.optional(CONTRACT).orElse(null),
                s.duration(RPC_TIMEOUT, DEFAULT_RPC_TIMEOUT),
                s.duration(RECEIPT_TIMEOUT, DEFAULT_RECEIPT_TIMEOUT),
                s.duration(RECEIPT_POLL, DEFAULT_POLL_INTERVAL));
    }

    /** Defaults for the timeouts; the form tests and operators' one-off deployments use. */
    public static EvmSettings of(String rpcUrl, long chainId, String privateKey, String contract) {
        return new EvmSettings(rpcUrl, chainId, privateKey, contract, DEFAULT_RPC_TIMEOUT, DEFAULT_RECEIPT_TIMEOUT, DEFAULT_POLL_INTERVAL);
    }

    public EvmSettings withReceiptWait(Duration timeout, Duration interval) {
        return new EvmSettings(rpcUrl, chainId, privateKey, contract, rpcTimeout, timeout, interval);
    }

    @Override
    public String toString() {
        return "EvmSettings[rpcUrl=" + EvmNode.redact(rpcUrl) + ", chainId=" + chainId + ", privateKey=(hidden), contract=" + contract
                + ", rpcTimeout=" + rpcTimeout + ", receiptTimeout=" + receiptTimeout + ", pollInterval=" + pollInterval + "]";
    }

    private static long chainId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(CHAIN_ID, "must be a decimal chain id such as 1 or 31337, got '" + raw + "'");
        }
    }

    private static void validateUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(RPC_URL, "must be an http:// or https:// JSON-RPC URL, got '" + EvmNode.redact(url) + "'");
            }
        } catch (URISyntaxException | NullPointerException e) {
            throw new ConfigException(RPC_URL, "must be an http:// or https:// JSON-RPC URL");
        }
    }

    private static void validateKey(String key) {
        // The message says what is wrong with the key without ever quoting it.
        if (key == null || !KEY.matcher(key).matches()) {
            throw new ConfigException(PRIVATE_KEY, "must be 64 hex digits (optionally after 0x), got "
                    + (key == null ? "nothing" : key.length() + " characters"));
        }
        BigInteger k = new BigInteger(key.startsWith("0x") ? key.substring(2) : key, 16);
        if (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new ConfigException(PRIVATE_KEY, "is not a valid secp256k1 private key (zero or not below the curve order)");
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(name, "must be a positive duration, got " + d);
        }
    }
}
