package org.prooftrail.anchor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;

/**
 * The log's public identity for processes that verify or hand it out but do not sign: from
 * {@code PT_LOG_PUBLIC_KEY_FILE}, or derived from the private key when this process has it.
 */
public final class LogIdentity {
    public static final String PUBLIC_KEY_FILE = "PT_LOG_PUBLIC_KEY_FILE";

    private LogIdentity() {
    }

    /** Null when neither key file is configured. */
    public static LogKey publicKey(Settings s) {
        String origin = s.string(AnchorSettings.ORIGIN, "prooftrail.example/log");
        if (s.optional(PUBLIC_KEY_FILE).isPresent()) {
            String path = s.optional(PUBLIC_KEY_FILE).get();
            try {
                return new LogKey(origin, PublicKeys.parse(Files.readString(Path.of(path))));
            } catch (IOException | KeyFormatException e) {
                throw new ConfigException(PUBLIC_KEY_FILE, "cannot read a public key from " + path + ": " + e.getMessage());
            }
        }
        if (s.optional(AnchorSettings.KEY_FILE).isPresent()) {
            return new LogKey(origin, AnchorSettings.readKey(s.optional(AnchorSettings.KEY_FILE).get()).verifyingKey());
        }
        return null;
    }
}
