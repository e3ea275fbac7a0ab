package org.prooftrail.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id password hashes as PHC strings (provisional; parameters m=19456 KiB, t=2, p=1). */
public final class PasswordHashing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int M = 19456, T = 2, P = 1;

    private PasswordHashing() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, M, T, P, 32);
        Base64.Encoder e = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + M + ",t=" + T + ",p=" + P + "$" + e.encodeToString(salt) + "$" + e.encodeToString(h);
    }

    public static boolean verify(char[] password, String phc) {
        try {
            String[] parts = phc.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return false;
            }
            int m = 0, t = 0, p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.substring(0, 2)) {
                    case "m=" -> m = v;
                    case "t=" -> t = v;
                    case "p=" -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            Base64.Decoder d = Base64.getDecoder();
            byte[] salt = d.decode(parts[4]);
            byte[] expected = d.decode(parts[5]);
            return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] out = new byte[length];
        g.generateBytes(new String(password).getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
