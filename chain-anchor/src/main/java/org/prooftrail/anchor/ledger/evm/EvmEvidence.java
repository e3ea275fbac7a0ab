package org.prooftrail.anchor.ledger.evm;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The evidence of an EVM anchor, as stored in a {@link org.prooftrail.anchor.ledger.Receipt}: which
 * chain and contract, which transaction in which block, and the SHA-256 of the note it anchored.
 * Reading accepts what a JSON round trip may make of the numbers (int, long or decimal string).
 */
record EvmEvidence(long chainId, String contract, String txHash, long blockNumber, String noteSha256) {
    static final String CHAIN_ID = "chainId";
    static final String CONTRACT = "contract";
    static final String TX_HASH = "txHash";
    static final String BLOCK_NUMBER = "blockNumber";
    static final String NOTE_SHA256 = "noteSha256";

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern TX = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CHAIN_ID, chainId);
        m.put(CONTRACT, contract);
        m.put(TX_HASH, txHash);
        m.put(BLOCK_NUMBER, blockNumber);
        m.put(NOTE_SHA256, noteSha256);
        return m;
    }

    /** Reads and checks the form of every field; the message names the first field that is wrong. */
    static EvmEvidence from(Map<String, Object> evidence) {
        if (evidence == null) {
            throw new IllegalArgumentException("the receipt has no evidence");
        }
        long chainId = number(evidence, CHAIN_ID);
        if (chainId <= 0) {
            throw new IllegalArgumentException(CHAIN_ID + " must be positive, got " + chainId);
        }
        return new EvmEvidence(
                chainId,
                hex(evidence, CONTRACT, ADDRESS, "a 0x-prefixed 20-byte address"),
                hex(evidence, TX_HASH, TX, "a 0x-prefixed 32-byte hash"),
                number(evidence, BLOCK_NUMBER),
                hex(evidence, NOTE_SHA256, SHA256, "64 hex digits"));
    }

    private static long number(Map<String, Object> evidence, String key) {
        Object v = evidence.get(key);
        if (v == null) {
            throw new IllegalArgumentException("evidence lacks " + key);
        }
        long n;
        if (v instanceof Integer || v instanceof Long) {
            n = ((Number) v).longValue();
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            n = b.longValue();
        } else if (v instanceof String s && s.matches("0|[1-9][0-9]{0,18}")) {
            n = Long.parseLong(s);
        } else {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
        if (n < 0) {
            throw new IllegalArgumentException(key + " must not be negative, got " + n);
        }
        return n;
    }

    private static String hex(Map<String, Object> evidence, String key, Pattern form, String what) {
        Object v = evidence.get(key);
        if (v == null) {
            throw new IllegalArgumentException("evidence lacks " + key);
        }
        String s = v.toString().toLowerCase(Locale.ROOT);
        if (!form.matcher(s).matches()) {
            throw new IllegalArgumentException(key + " must be " + what + ", got '" + v + "'");
        }
        return s;
    }
}
