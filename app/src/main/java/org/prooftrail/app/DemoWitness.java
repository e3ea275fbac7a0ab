package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.witness.WitnessSettings;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The demo's witness, "demo regulator": its key and state kept with the demo's data so a restart
 * keeps what it cosigned, on a port of its own on the loopback address.
 */
final class DemoWitness {
    static final String NAME = "demo-regulator.prooftrail.local/witness";
    /** How pages and proof bundles name it (PT_WITNESSES' display name). */
    static final String DISPLAY_NAME = "Demo regulator 示范监管机构";

    private DemoWitness() {
    }

    static WitnessNode start(Path home, String origin, Path logKeyFile) throws IOException {
        Path keys = home.resolve("keys");
        Path key = keys.resolve("witness.key.pem");
        if (!Files.exists(key)) {
            KeyFiles.writePrivate(key, SigningKey.generate(SignatureAlgorithm.EdDSA));
        }
        LogKey log = new LogKey(origin, KeyFiles.readPrivate(logKeyFile).verifyingKey());
        return WitnessNode.start(Settings.of(Map.of(
                WitnessSettings.NAME, NAME,
                WitnessSettings.KEY_FILE, key.toString(),
                WitnessSettings.LOGS, log.vkey().encode(),
                WitnessSettings.STATE_FILE, home.resolve("witness").resolve("state.json").toString(),
                ApiSettings.HOST, "127.0.0.1",
                ApiSettings.PORT, "0")));
    }
}
