package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.crypto.Jwk;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

class KeygenCommandTest {

    @Test
    void writesAMatchingKeyPairWithAPrivateFileOnlyTheOwnerReads(@TempDir Path dir) throws Exception {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            String name = "dev-" + alg.jwsName().toLowerCase();
            int exit = ProofTrailCommand.commandLine().execute("keygen", "--alg", alg.jwsName(), "--name", name,
                    "--out", dir.toString());
            assertEquals(0, exit);
            SigningKey key = PrivateKeys.fromPem(Files.readString(dir.resolve(name + ".key.pem")));
            assertEquals(alg, key.algorithm());
            assertEquals(key.verifyingKey(), PublicKeys.fromPem(Files.readString(dir.resolve(name + ".pub.pem"))));
            assertEquals(key.verifyingKey(), Jwk.parse(Files.readString(dir.resolve(name + ".jwk.json"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name + ".key.pem"))));
            byte[] message = "checkpoint".getBytes(StandardCharsets.UTF_8);
            assertTrue(key.verifyingKey().verify(message, key.sign(message)));
        }
        assertEquals(ExitCodes.FAILURE, ProofTrailCommand.commandLine().execute("keygen", "--name", "dev-eddsa",
                "--out", dir.toString()), "an existing private key is never overwritten");
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("keygen", "--alg", "RSA", "--name", "x",
                "--out", dir.toString()));
    }
}
