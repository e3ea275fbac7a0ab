package org.prooftrail.anchor.witness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.VerifierKey;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The witness role's settings: its name and signing key, the logs it vouches for (their verifier
 * keys; the key name is the log's origin) and where it keeps what it cosigned.
 */
public record WitnessSettings(CosignerKey id, SigningKey key, Map<String, LogKey> logs, Path stateFile) {
    public static final String NAME = "PT_WITNESS_NAME";
    public static final String KEY_FILE = "PT_WITNESS_KEY_FILE";
    public static final String LOGS = "PT_WITNESS_LOGS";
    public static final String STATE_FILE = "PT_WITNESS_STATE_FILE";

    public static WitnessSettings from(Settings s) {
        String name = s.required(NAME, "the witness's name, e.g. witness.regulator.example/w1");
        String keyPath = s.required(KEY_FILE, "the path of the witness's private key (prooftrail keygen --name witness)");
        SigningKey key;
        try {
            key = PrivateKeys.fromPem(Files.readString(Path.of(keyPath)));
        } catch (IOException e) {
            throw new ConfigException(KEY_FILE, "cannot read " + keyPath + ": " + e.getMessage());
        } catch (KeyFormatException e) {
            throw new ConfigException(KEY_FILE, keyPath + " is not a private key: " + e.getMessage());
        }
        if (key.algorithm() == SignatureAlgorithm.ES256) {
            throw new ConfigException(KEY_FILE, "a witness key is Ed25519 or SM2, not ES256");
        }
        CosignerKey id;
        try {
            id = new CosignerKey(name, key.verifyingKey());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(NAME, e.getMessage());
        }
        Map<String, LogKey> logs = new LinkedHashMap<>();
        for (String vkey : s.required(LOGS, "the verifier keys of the logs to witness, comma-separated").split(",")) {
            if (vkey.isBlank()) {
                continue;
            }
            try {
                LogKey log = LogKey.from(VerifierKey.parse(vkey.trim()));
                logs.put(log.name(), log);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(LOGS, e.getMessage());
            }
        }
        if (logs.isEmpty()) {
            throw new ConfigException(LOGS, "names no log");
        }
        Path state = Path.of(s.required(STATE_FILE, "the file where the witness keeps what it cosigned (on a persistent volume)"));
        return new WitnessSettings(id, key, logs, state);
    }
}
