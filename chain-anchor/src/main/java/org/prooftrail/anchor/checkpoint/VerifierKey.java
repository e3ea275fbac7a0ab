package org.prooftrail.anchor.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP signed-note verifier key ("vkey"): {@code <name>+<hex key id>+<base64(type || public key)>}.
 * The key id is recomputed from the other two parts and must match, so a mistyped vkey is refused
 * rather than silently verifying nothing. What the type and key bytes mean is up to the caller
 * ({@link LogKey}, {@link CosignerKey}).
 */
public record VerifierKey(String name, byte[] keyId, byte[] typeAndKey) {
    public VerifierKey {
        checkName(name);
        if (keyId.length != 4 || typeAndKey.length < 2) {
            throw new IllegalArgumentException("a verifier key has a 4-byte key id and a type byte before the key");
        }
    }

    /** The vkey for a name and its type-prefixed public key, with the recommended key id. */
    public static VerifierKey of(String name, byte[] typeAndKey) {
        return new VerifierKey(name, keyId(name, typeAndKey), typeAndKey);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static VerifierKey parse(String vkey) {
        String[] parts = vkey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is name+keyid+base64key, got '" + vkey + "'");
        }
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("the key id of '" + parts[0] + "' is not 8 lowercase hex digits");
        }
        byte[] typeAndKey;
        try {
            typeAndKey = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of '" + parts[0] + "' is not base64");
        }
        VerifierKey key = new VerifierKey(parts[0], HexFormat.of().parseHex(parts[1]), typeAndKey);
        if (!Arrays.equals(key.keyId, keyId(parts[0], typeAndKey))) {
            throw new IllegalArgumentException("the key id of '" + parts[0] + "' does not match its key");
        }
        return key;
    }

    public byte type() {
        return typeAndKey[0];
    }

    /** The key material after the type byte. */
    public byte[] key() {
        return Arrays.copyOfRange(typeAndKey, 1, typeAndKey.length);
    }

    public String encode() {
        return name + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typeAndKey);
    }

    /** SHA-256(name || "\n" || type || key)[:4], as signed-note recommends. */
    public static byte[] keyId(String name, byte[] typeAndKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(typeAndKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
