package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

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
            KeyFiles.writePrivate(file, SigningKey.generate(SignatureAlgorithm.EdDSA));
        }
        if (!Files.exists(pub)) {
            Files.writeString(pub, PublicKeys.toPem(KeyFiles.readPrivate(file).verifyingKey()));
        }
        return file;
    }
}
