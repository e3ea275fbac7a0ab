package org.prooftrail.core.identifiers;

import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A 20-digit China drug traceability code (药品追溯码): a 7-digit drug identifier assigned to the
 * product, a 9-digit pack serial and a 4-digit check. The check algorithm of codes bought from
 * third-party code services is not public, so those are checked for shape only; codes that
 * ProofTrail issues carry a check computed here (first four digits of SHA-256 over the other 16,
 * read as a number modulo 10,000), which catches mistyped codes with 99.99% certainty.
 */
public record ChinaDrugCode(String value) {
    private static final Pattern TWENTY_DIGITS = Pattern.compile("[0-9]{20}");
    private static final Pattern SEVEN_DIGITS = Pattern.compile("[0-9]{7}");

    private static final SecureRandom RANDOM = new SecureRandom();

    public ChinaDrugCode {
        String problem = problemOf(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Null when the code has the right shape, else what is wrong with it. */
    public static String problemOf(String v) {
        if (v == null || !TWENTY_DIGITS.matcher(v).matches()) {
            return "a China drug traceability code has exactly 20 digits";
        }
        return null;
    }

    /** The 7-digit drug identifier that names the product. */
    public String drugIdentifier() {
        return value.substring(0, 7);
    }

    /** True when the last 4 digits are the check ProofTrail computes (codes it issued itself). */
    public boolean hasProofTrailCheck() {
        return value.substring(16).equals(check(value.substring(0, 16)));
    }

    /** A new code for a product: its identifier, 9 random digits, the check. */
    public static ChinaDrugCode issue(String drugIdentifier) {
        if (drugIdentifier == null || !SEVEN_DIGITS.matcher(drugIdentifier).matches()) {
            throw new IllegalArgumentException("a drug identifier has 7 digits");
        }
        String serial = String.format("%09d", RANDOM.nextInt(1_000_000_000));
        String body = drugIdentifier + serial;
        return new ChinaDrugCode(body + check(body));
    }

    static String check(String sixteen) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sixteen.getBytes(StandardCharsets.US_ASCII));
            int n = ((h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff)) & 0x7fffffff;
            return String.format("%04d", n % 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
