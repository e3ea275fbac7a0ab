package org.prooftrail.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The demo's token secret: random, made on first start, kept with the demo's data, owner-only. */
final class DemoSecrets {
    private DemoSecrets() {
    }

    static Path ensureJwtSecret(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("jwt-secret");
        if (!Files.exists(file)) {
            byte[] raw = new byte[48];
            new SecureRandom().nextBytes(raw);
            Files.writeString(file, Base64.getEncoder().encodeToString(raw), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the file stays with the user's default permissions
            }
        }
        return file;
    }
}
