package org.prooftrail.anchor.ledger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.prooftrail.anchor.ledger.evm.EvmLedger;
import org.prooftrail.anchor.ledger.evm.EvmSettings;
import org.prooftrail.anchor.ledger.rfc3161.Rfc3161Ledger;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/** Builds the ledger that {@code PT_LEDGER} names, from its own settings. */
public final class Ledgers {
    public static final String RFC3161_URL = "PT_RFC3161_URL";
    public static final String RFC3161_CERT_FILE = "PT_RFC3161_CERT_FILE";
    public static final String RFC3161_TIMEOUT = "PT_RFC3161_TIMEOUT";

    private Ledgers() {
    }

    public static Ledger create(String name, Settings s) {
        switch (name) {
            case "local":
                return new LocalLedger();
            case "evm":
                return new EvmLedger(EvmSettings.from(s));
            case "rfc3161":
                String url = s.required(RFC3161_URL, "the timestamp authority's URL, e.g. https://tsa.example/");
                URI tsa;
                try {
                    tsa = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(RFC3161_URL, "is not a URL: " + url);
                }
                String pinned = s.optional(RFC3161_CERT_FILE).map(Ledgers::read).orElse(null);
                try {
                    return new Rfc3161Ledger(tsa, s.duration(RFC3161_TIMEOUT, Duration.ofSeconds(10)), pinned);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(RFC3161_URL, e.getMessage());
                }
            default:
                throw new ConfigException("PT_LEDGER", "must be local, evm or rfc3161, got '" + name + "'");
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new ConfigException(RFC3161_CERT_FILE, "cannot read " + path + ": " + e.getMessage());
        }
    }
}
