package org.prooftrail.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The demo's secrets, made on first start and kept with its data (owner-only): the token secret and
 * the key that signs EPCIS documents captured over HTTP, so both survive restarts.
 */
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

    static Path ensureApiSigningKey(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("api-signing.key.pem");
        if (!Files.exists(file)) {
            KeyFiles.writePrivate(file, SigningKey.generate(SignatureAlgorithm.EdDSA));
        }
        return file;
    }
}
