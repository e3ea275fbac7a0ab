package org.prooftrail.core.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 MTH, PATH and PROOF transcribed literally as recursion over the leaf hashes. Slow (O(n)
 * hashes per call) and obviously faithful, which is the point: the tree under test must agree with it.
 */
final class ReferenceTree {

    private ReferenceTree() {
    }

    static byte[] mth(MerkleHasher h, List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return h.emptyRoot();
        }
        if (n == 1) {
            return d.get(0);
        }
        int k = largestPowerOfTwoBelow(n);
        return h.hashChildren(mth(h, d.subList(0, k)), mth(h, d.subList(k, n)));
    }

    static List<byte[]> path(MerkleHasher h, int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            out.addAll(path(h, m, d.subList(0, k)));
            out.add(mth(h, d.subList(k, n)));
        } else {
            out.addAll(path(h, m - k, d.subList(k, n)));
            out.add(mth(h, d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(MerkleHasher h, int m, List<byte[]> d) {
        // The RFC leaves PROOF(0, D[n]) undefined; like transparency-dev, the empty tree gets an empty proof.
        return m == 0 ? List.of() : subproof(h, m, d, true);
    }

    private static List<byte[]> subproof(MerkleHasher h, int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(h, d));
            }
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            out.addAll(subproof(h, m, d.subList(0, k), b));
            out.add(mth(h, d.subList(k, n)));
        } else {
            out.addAll(subproof(h, m - k, d.subList(k, n), false));
            out.add(mth(h, d.subList(0, k)));
        }
        return out;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
