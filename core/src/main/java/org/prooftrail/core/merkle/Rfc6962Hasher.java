package org.prooftrail.core.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.SM3Digest;

/** RFC 9162 §2.1.1 hashing over any hash function that can be started fresh per call. */
final class Rfc6962Hasher implements MerkleHasher {

    // Distinct prefixes for leaves and interior nodes stop a second-preimage attack in which an interior
    // node is presented as a leaf (RFC 9162 §2.1.1).
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    static final Rfc6962Hasher SHA256 = new Rfc6962Hasher("sha256", 32, Rfc6962Hasher::jdkSha256);
    static final Rfc6962Hasher SM3 = new Rfc6962Hasher("sm3", 32, Rfc6962Hasher::bcSm3);

    /** One hash computation. A fresh one per call is what makes the hasher thread-safe without locks. */
    interface Digest {
        void update(byte b);

        void update(byte[] bytes);

        byte[] finish();
    }

    private final String name;
    private final int size;
    private final Supplier<Digest> digests;
    private final byte[] emptyRoot;

    Rfc6962Hasher(String name, int size, Supplier<Digest> digests) {
        this.name = name;
        this.size = size;
        this.digests = digests;
        this.emptyRoot = digests.get().finish();
        if (emptyRoot.length != size) {
            throw new IllegalArgumentException(name + " returned " + emptyRoot.length + " bytes, not " + size);
        }
    }

    @Override
    public byte[] hashLeaf(byte[] data) {
        Digest d = digests.get();
        d.update(LEAF_PREFIX);
        d.update(data);
        return d.finish();
    }

    @Override
    public byte[] hashChildren(byte[] left, byte[] right) {
        Digest d = digests.get();
        d.update(NODE_PREFIX);
        d.update(left);
        d.update(right);
        return d.finish();
    }

    @Override
    public byte[] emptyRoot() {
        return emptyRoot.clone();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Digest jdkSha256() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc), so this is a broken JDK.
            throw new IllegalStateException("JDK has no SHA-256", e);
        }
        return new Digest() {
            @Override
            public void update(byte b) {
                md.update(b);
            }

            @Override
            public void update(byte[] bytes) {
                md.update(bytes);
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    private static Digest bcSm3() {
        // The lightweight BouncyCastle API, not the JCA provider: no Security.addProvider side effect.
        SM3Digest sm3 = new SM3Digest();
        return new Digest() {
            @Override
            public void update(byte b) {
                sm3.update(b);
            }

            @Override
            public void update(byte[] bytes) {
                sm3.update(bytes, 0, bytes.length);
            }

            @Override
            public byte[] finish() {
                byte[] out = new byte[sm3.getDigestSize()];
                sm3.doFinal(out, 0);
                return out;
            }
        };
    }
}
