package org.prooftrail.api.epcis;

import java.nio.file.Path;
import java.util.Optional;
import org.prooftrail.api.ApiVerticle;
import org.prooftrail.core.config.Settings;

/**
 * Limits and keys of the EPCIS interface.
 *
 * @param captureLimit     most events in one capture document (GS1-EPCIS-Capture-Limit)
 * @param fileSizeLimit    largest capture body in bytes (GS1-EPCIS-Capture-File-Size-Limit); never
 *                         above what the HTTP server reads at all
 * @param signingKeyFile   PEM private key that attests captured events, or empty for an ephemeral one
 * @param maxPerPage       largest query page
 */
public record EpcisSettings(int captureLimit, int fileSizeLimit, Optional<Path> signingKeyFile, int maxPerPage) {
    public static final String CAPTURE_LIMIT = "PT_EPCIS_CAPTURE_LIMIT";
    public static final String FILE_SIZE_LIMIT = "PT_EPCIS_CAPTURE_FILE_SIZE_LIMIT";
    public static final String SIGNING_KEY_FILE = "PT_API_SIGNING_KEY_FILE";
    public static final String MAX_PER_PAGE = "PT_EPCIS_MAX_PER_PAGE";
    public static final int DEFAULT_PER_PAGE = 30;

    public static EpcisSettings from(Settings s) {
        return new EpcisSettings(
                s.integer(CAPTURE_LIMIT, 10_000, 1, 1_000_000),
                s.integer(FILE_SIZE_LIMIT, 8 * 1024 * 1024, 1024, (int) ApiVerticle.MAX_BODY_BYTES),
                s.optional(SIGNING_KEY_FILE).filter(v -> !v.isBlank()).map(Path::of),
                s.integer(MAX_PER_PAGE, 1000, 1, 10_000));
    }
}
