package org.prooftrail.anchor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.anchor.witness.Witnesses;

/**
 * The anchor role's settings: how often to sign, the log's name (origin) and key, the hash, the
 * ledger, and the witnesses whose quorum each checkpoint needs before it is published. The log key
 * comes from a file (a mounted secret), never from the repository.
 */
public record AnchorSettings(Duration interval, String origin, SigningKey logKey, String hashAlg, String ledger,
                             Witnesses witnesses) {
    public static final String INTERVAL = "PT_ANCHOR_INTERVAL";
    public static final String ORIGIN = "PT_LOG_ORIGIN";
    public static final String KEY_FILE = "PT_LOG_KEY_FILE";
    public static final String LEDGER = "PT_LEDGER";
    public static final String HASH = "PT_HASH";

    /** Without witnesses: every checkpoint is published as soon as it is signed. */
    public AnchorSettings(Duration interval, String origin, SigningKey logKey, String hashAlg, String ledger) {
        this(interval, origin, logKey, hashAlg, ledger, Witnesses.NONE);
    }

    public AnchorSettings withWitnesses(Witnesses w) {
        return new AnchorSettings(interval, origin, logKey, hashAlg, ledger, w);
    }

    public static AnchorSettings from(Settings s) {
        String hash = s.string(HASH, "sha256").toLowerCase();
        if (!hash.equals("sha256") && !hash.equals("sm3")) {
            throw new ConfigException(HASH, "must be sha256 or sm3, got '" + hash + "'");
        }
        SigningKey key = readKey(s.required(KEY_FILE, "the path of the log's private key (prooftrail keygen --name log)"));
        if (key.algorithm() == SignatureAlgorithm.ES256) {
            throw new ConfigException(KEY_FILE, "the log key must be Ed25519 or SM2, not ES256");
        }
        if (key.algorithm() == SignatureAlgorithm.SM2SM3 && !hash.equals("sm3")) {
            throw new ConfigException(HASH, "an SM2 log key is national-algorithm mode: set PT_HASH=sm3");
        }
        String ledger = s.string(LEDGER, "local").toLowerCase();
        if (!ledger.equals("local") && !ledger.equals("evm") && !ledger.equals("rfc3161")) {
            throw new ConfigException(LEDGER, "must be local, evm or rfc3161, got '" + ledger + "'");
        }
        String origin = s.string(ORIGIN, "prooftrail.example/log");
        if (origin.isBlank() || origin.contains("+") || origin.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(ORIGIN, "must be a name without spaces or '+', e.g. trace.example.org/log");
        }
        return new AnchorSettings(s.duration(INTERVAL, Duration.ofSeconds(1)), origin, key, hash, ledger, Witnesses.from(s));
    }

    static SigningKey readKey(String path) {
        try {
            return PrivateKeys.fromPem(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new ConfigException(KEY_FILE, "cannot read " + path + ": " + e.getMessage());
        } catch (KeyFormatException e) {
            throw new ConfigException(KEY_FILE, path + " is not a private key: " + e.getMessage());
        }
    }
}
