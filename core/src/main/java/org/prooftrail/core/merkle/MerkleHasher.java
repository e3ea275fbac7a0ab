package org.prooftrail.core.merkle;

import java.util.Locale;

/**
 * The hash function of a Merkle tree, with the RFC 9162 §2.1.1 domain separation built in.
 *
 * <p>Implementations must be safe for concurrent use; both built-in ones use a fresh digest per call.
 * Every returned array is new and belongs to the caller.
 */
public interface MerkleHasher {

    /** {@code H(0x00 || data)}. */
    byte[] hashLeaf(byte[] data);

    /** {@code H(0x01 || left || right)}. */
    byte[] hashChildren(byte[] left, byte[] right);

    /** {@code H("")}, the root of the tree with no leaves. */
    byte[] emptyRoot();

    /** Length of every hash this hasher returns, in bytes. */
    int size();

    /** Stable lower-case name, as accepted by {@link #byName(String)}; meant for storage and wire formats. */
    String name();

    /** SHA-256, as in RFC 6962 and Certificate Transparency. */
    static MerkleHasher sha256() {
        return Rfc6962Hasher.SHA256;
    }

    /** SM3 (GB/T 32905), for deployments that must use the Chinese national algorithms. */
    static MerkleHasher sm3() {
        return Rfc6962Hasher.SM3;
    }

    /**
     * The hasher called {@code name} ({@code "sha256"} or {@code "sm3"}, case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    static MerkleHasher byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sha256" -> sha256();
            case "sm3" -> sm3();
            default -> throw new IllegalArgumentException(
                    "unknown Merkle hasher \"" + name + "\", known: sha256, sm3");
        };
    }
}
