package org.prooftrail.anchor.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.VerifyingKey;

/**
 * The log's public identity in C2SP signed-note terms: the key name (the log's origin), the
 * signature type byte and the 4-byte key hash that prefixes each signature. Ed25519 is type 0x01
 * as the note format defines; SM2 has no assigned type, so ProofTrail uses 0xFE for it.
 */
public record LogKey(String name, VerifyingKey key) {
    public static final byte TYPE_ED25519 = 0x01;
    public static final byte TYPE_SM2 = (byte) 0xFE;

    public LogKey {
        if (name == null || name.isEmpty() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a log key name is non-empty, without spaces or '+': '" + name + "'");
        }
        if (key.algorithm() == SignatureAlgorithm.ES256) {
            throw new IllegalArgumentException("the log signs with Ed25519 or SM2, not ES256");
        }
    }

    public byte type() {
        return key.algorithm() == SignatureAlgorithm.SM2SM3 ? TYPE_SM2 : TYPE_ED25519;
    }

    /** The log's verifier key ({@code origin+keyid+base64(type || key)}), as witnesses are configured with it. */
    public VerifierKey vkey() {
        byte[] raw = key.raw();
        byte[] typeAndKey = new byte[1 + raw.length];
        typeAndKey[0] = type();
        System.arraycopy(raw, 0, typeAndKey, 1, raw.length);
        return VerifierKey.of(name, typeAndKey);
    }

    /** @throws IllegalArgumentException when the vkey is not an Ed25519 (01) or SM2 (FE) log key */
    public static LogKey from(VerifierKey vkey) {
        SignatureAlgorithm alg = vkey.type() == TYPE_ED25519 ? SignatureAlgorithm.EdDSA
                : vkey.type() == TYPE_SM2 ? SignatureAlgorithm.SM2SM3 : null;
        if (alg == null) {
            throw new IllegalArgumentException("log key " + vkey.name() + " is neither Ed25519 (type 01) nor SM2 (type fe)");
        }
        try {
            return new LogKey(vkey.name(), PublicKeys.fromRaw(alg, vkey.key()));
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("log key " + vkey.name() + ": " + e.getMessage());
        }
    }

    /** First four bytes of SHA-256(name || "\n" || type || public key), per the signed-note format. */
    public byte[] keyHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(type());
            sha.update(key.raw());
            return Arrays.copyOf(sha.digest(), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
