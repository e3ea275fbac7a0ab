package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.crypto.KeyFormatException;

/** The demo log's Ed25519 key, made on first start and kept with the demo's data. */
final class DemoLogKey {
    private DemoLogKey() {
    }

    /** Returns the private key file, writing it and {@code log.pub.pem} beside it when missing. */
    static Path ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("log.key.pem");
        Path pub = dir.resolve("log.pub.pem");
        if (!Files.exists(file)) {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(file, PrivateKeys.toPem(key));
        }
        if (!Files.exists(pub)) {
            try {
                Files.writeString(pub, PublicKeys.toPem(PrivateKeys.fromPem(Files.readString(file)).verifyingKey()));
            } catch (KeyFormatException e) {
                throw new IOException(file + " is not a private key: " + e.getMessage(), e);
            }
        }
        return file;
    }
}
