package org.prooftrail.anchor.ledger.evm;

import java.util.Arrays;
import java.util.Base64;
import org.prooftrail.anchor.checkpoint.Checkpoint;

/** Signed checkpoint notes for the tests. The signature line is a stand-in: ledgers do not check it. */
final class TestNotes {
    static final String ORIGIN = "prooftrail.test/log";

    private TestNotes() {
    }

    static byte[] root(int seed) {
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) seed);
        root[0] = (byte) (seed >> 8);
        return root;
    }

    static String note(long size, byte[] root) {
        return note(size, root, "c2lnbmF0dXJl");
    }

    static String note(long size, byte[] root, String signature) {
        String body = new Checkpoint(ORIGIN, size, root).body();
        return body + "\n\u2014 " + ORIGIN + " " + signature + "\n";
    }
}
