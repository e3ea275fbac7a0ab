package org.prooftrail.core.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format that the reference implementation, libsodium and
 * most libraries read and write: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, both parts base64
 * without padding.
 *
 * <p>New hashes use OWASP's minimum for Argon2id (19 MiB, two passes, one lane; about 30-60 ms on one
 * core). {@link #verify} reads the parameters from the string, so hashes made with other parameters keep
 * verifying when these change, and {@link #needsRehash} tells the sign-in to store a fresh one.
 */
public final class PasswordHashing {
    /** Memory in KiB, passes and lanes for new hashes (OWASP Password Storage Cheat Sheet's first option). */
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    // Bounds on what verify accepts, so a damaged or hostile stored string cannot ask for gigabytes or
    // minutes: four times the memory and fifty times the passes of today's parameters leave room to raise them.
    private static final int MAX_MEMORY_KIB = 4 * 65536;
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_PARALLELISM = 16;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_BYTES = 128;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private PasswordHashing() {
    }

    /** A new hash of {@code password} with a fresh random salt; two hashes of one password differ. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Phc phc = new Phc(MEMORY_KIB, ITERATIONS, PARALLELISM, salt, null);
        byte[] hash = derive(password, phc, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} is the one {@code phc} was made from. False, never an exception, for a null
     * password, a malformed string, another algorithm or parameters out of bounds.
     */
    public static boolean verify(char[] password, String phc) {
        Phc parsed = Phc.parse(phc);
        if (parsed == null || password == null) {
            return false;
        }
        byte[] candidate = derive(password, parsed, parsed.hash().length);
        // MessageDigest.isEqual takes the same time wherever the first difference is
        return MessageDigest.isEqual(candidate, parsed.hash());
    }

    /** Whether {@code phc} should be replaced by a fresh {@link #hash}: malformed, or other parameters than today's. */
    public static boolean needsRehash(String phc) {
        Phc parsed = Phc.parse(phc);
        return parsed == null || parsed.memoryKib() != MEMORY_KIB || parsed.iterations() != ITERATIONS
                || parsed.parallelism() != PARALLELISM || parsed.salt().length != SALT_BYTES
                || parsed.hash().length != HASH_BYTES;
    }

    private static byte[] derive(char[] password, Phc phc, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(phc.memoryKib())
                .withIterations(phc.iterations())
                .withParallelism(phc.parallelism())
                .withSalt(phc.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** The parts of an Argon2id PHC string, version 19 only (the only one the reference writes since 2016). */
    private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Phc parse(String phc) {
            if (phc == null) {
                return null;
            }
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            String[] parts = phc.split("\\$", -1);
            if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            String[] costs = parts[3].split(",", -1);
            if (costs.length != 3) {
                return null;
            }
            int m = cost(costs[0], "m=", 1, MAX_MEMORY_KIB);
            int t = cost(costs[1], "t=", 1, MAX_ITERATIONS);
            int p = cost(costs[2], "p=", 1, MAX_PARALLELISM);
            // Argon2 needs at least 8 KiB per lane
            if (m < 0 || t < 0 || p < 0 || m < 8 * p) {
                return null;
            }
            byte[] salt = bytes(parts[4], MIN_SALT_BYTES);
            byte[] hash = bytes(parts[5], MIN_HASH_BYTES);
            return salt == null || hash == null ? null : new Phc(m, t, p, salt, hash);
        }

        /** The decimal after {@code key}, or -1 when it is missing, not canonical or out of bounds. */
        private static int cost(String part, String key, int min, int max) {
            if (!part.startsWith(key)) {
                return -1;
            }
            String digits = part.substring(key.length());
            if (digits.isEmpty() || digits.length() > 9 || digits.startsWith("0")
                    || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return -1;
            }
            int value = Integer.parseInt(digits);
            return value < min || value > max ? -1 : value;
        }

        private static byte[] bytes(String b64, int min) {
            if (b64.isEmpty() || b64.contains("=") || b64.length() > MAX_BYTES * 4 / 3 + 1) {
                return null;
            }
            try {
                byte[] decoded = B64_DECODER.decode(b64);
                return decoded.length < min ? null : decoded;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
