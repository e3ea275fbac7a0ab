package org.prooftrail.core.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Private keys on disk: created readable by the owner only, before a byte of the key is written. */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** @throws FileAlreadyExistsException rather than overwrite a private key */
    public static void writePrivate(Path file, SigningKey key) throws IOException {
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection applies
        }
        Files.writeString(file, PrivateKeys.toPem(key));
    }

    public static SigningKey readPrivate(Path file) throws IOException {
        try {
            return PrivateKeys.fromPem(Files.readString(file));
        } catch (KeyFormatException e) {
            throw new IOException(file + " is not a private key: " + e.getMessage(), e);
        }
    }
}
