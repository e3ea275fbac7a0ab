package org.prooftrail.anchor.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.VerifyingKey;

/**
 * A witness's public identity: its name and key, as the logs and verifiers that trust it hold them.
 * Ed25519 cosigners are C2SP tlog-cosignature type 0x04. SM2 has no assigned type, so an SM2
 * cosigner uses the private-use byte 0xFF followed by the identifier {@link #SM2_ID}, as signed-note
 * recommends for unassigned types; stock witnesses and verifiers ignore such lines, as they must.
 */
public record CosignerKey(String name, VerifyingKey key) {
    public static final byte TYPE_ED25519 = 0x04;
    public static final byte TYPE_PRIVATE = (byte) 0xFF;
    public static final String SM2_ID = "prooftrail.org/sm2-cosignature/v1";

    public CosignerKey {
        VerifierKey.checkName(name);
        if (key.algorithm() == SignatureAlgorithm.ES256) {
            throw new IllegalArgumentException("a witness cosigns with Ed25519 or SM2, not ES256");
        }
    }

    /** The type byte(s) and public key, as hashed into the key id and written in the vkey. */
    public byte[] typeAndKey() {
        byte[] raw = key.raw();
        byte[] prefix = key.algorithm() == SignatureAlgorithm.SM2SM3
                ? concat(new byte[] {TYPE_PRIVATE}, SM2_ID.getBytes(StandardCharsets.US_ASCII))
                : new byte[] {TYPE_ED25519};
        return concat(prefix, raw);
    }

    public byte[] keyId() {
        return VerifierKey.keyId(name, typeAndKey());
    }

    public VerifierKey vkey() {
        return VerifierKey.of(name, typeAndKey());
    }

    /** @throws IllegalArgumentException when the vkey is not an Ed25519 or ProofTrail SM2 cosigner key */
    public static CosignerKey from(VerifierKey vkey) {
        byte[] all = vkey.typeAndKey();
        try {
            if (vkey.type() == TYPE_ED25519) {
                return new CosignerKey(vkey.name(), PublicKeys.fromRaw(SignatureAlgorithm.EdDSA, vkey.key()));
            }
            byte[] id = SM2_ID.getBytes(StandardCharsets.US_ASCII);
            if (vkey.type() == TYPE_PRIVATE && all.length > 1 + id.length
                    && Arrays.equals(Arrays.copyOfRange(all, 1, 1 + id.length), id)) {
                return new CosignerKey(vkey.name(), PublicKeys.fromRaw(SignatureAlgorithm.SM2SM3,
                        Arrays.copyOfRange(all, 1 + id.length, all.length)));
            }
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("witness key " + vkey.name() + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("witness key " + vkey.name() + " is neither a cosignature/v1 Ed25519 key (type 04)"
                + " nor a " + SM2_ID + " key");
    }

    public static CosignerKey parse(String vkey) {
        return from(VerifierKey.parse(vkey));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
