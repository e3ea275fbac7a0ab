package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.LogKey;

/**
 * The demo's trust policy ({@code keys/policy.txt}, docs/proofs.md "Policy file"): its log key and
 * its one witness with quorum 1, so {@code prooftrail verify URL --policy keys/policy.txt} checks a
 * demo proof as a consumer of a witnessed log would. Rewritten at every start (the keys are kept, so
 * it says the same unless they were replaced).
 */
final class DemoPolicy {
    static final String WITNESS = "demo-regulator";

    private DemoPolicy() {
    }

    static Path write(Path keys, LogKey log, CosignerKey witness) throws IOException {
        Path file = keys.resolve("policy.txt");
        Files.writeString(file, "# the demo's log and its witness, the demo regulator (" + DemoWitness.DISPLAY_NAME + ")\n"
                + "log " + log.vkey().encode() + "\n"
                + "witness " + WITNESS + " " + witness.vkey().encode() + "\n"
                + "quorum " + WITNESS + "\n");
        return file;
    }
}
