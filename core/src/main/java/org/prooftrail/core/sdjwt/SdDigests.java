package org.prooftrail.core.sdjwt;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.prooftrail.core.crypto.Base64Url;

/**
 * The one hash function ({@code sha-256}) and the salts. RFC 9901 section 4.2.3: the digest is over
 * the ASCII of the base64url disclosure, not the JSON it encodes.
 */
public final class SdDigests {
    /** The {@code _sd_alg} value we issue and accept; the IANA name of SHA-256. */
    public static final String SD_ALG = "sha-256";
    /** 128 bits, the entropy RFC 9901 section 9.3 recommends; a salt must not be guessable. */
    public static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SdDigests() {
    }

    public static String digest(String disclosure) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(disclosure.getBytes(US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A fresh salt: 128 random bits, base64url (22 characters). */
    public static String salt() {
        byte[] bytes = new byte[SALT_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }
}
