package org.prooftrail.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prooftrail.core.crypto.Jwk;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes a key pair for a device, an organisation or the log: private PEM (owner-only), public PEM and JWK. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a key pair: NAME.key.pem (private, mode 600), NAME.pub.pem and NAME.jwk.json.",
                "Prints the public key (PEM) on stdout; what it wrote and the key's JWK thumbprint on stderr."})
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--alg", defaultValue = "EdDSA", description = "EdDSA, ES256 or SM2SM3 (default: ${DEFAULT-VALUE})")
    String alg;

    @Option(names = "--name", required = true, description = "file name stem, e.g. the device id")
    String name;

    @Option(names = "--out", defaultValue = ".", description = "folder to write to (default: current)")
    Path out;

    @Override
    public Integer call() throws Exception {
        SignatureAlgorithm algorithm = SignatureAlgorithm.fromJwsName(alg).orElse(null);
        if (algorithm == null) {
            System.err.println("keygen: --alg must be one of " + SignatureAlgorithm.names() + ", got '" + alg + "'");
            return ExitCodes.CONFIG;
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            System.err.println("keygen: --name may use letters, digits, '.', '_' and '-' (1-64 characters)");
            return ExitCodes.CONFIG;
        }
        Files.createDirectories(out);
        Path privateFile = out.resolve(name + ".key.pem");
        if (Files.exists(privateFile)) {
            System.err.println("keygen: " + privateFile + " exists; refusing to overwrite a private key");
            return ExitCodes.FAILURE;
        }
        SigningKey key = SigningKey.generate(algorithm);
        KeyFiles.writePrivate(privateFile, key);
        String pem = PublicKeys.toPem(key.verifyingKey());
        Files.writeString(out.resolve(name + ".pub.pem"), pem);
        Files.writeString(out.resolve(name + ".jwk.json"), Jwk.toJson(key.verifyingKey(), name) + "\n");
        // stdout carries the value alone (the public key), so that it can be piped or captured
        System.err.println("wrote " + privateFile + " (keep it secret), " + name + ".pub.pem and " + name + ".jwk.json");
        System.err.println("algorithm " + algorithm.jwsName() + ", JWK thumbprint " + Jwk.thumbprint(key.verifyingKey()));
        System.out.print(pem);
        return ExitCodes.OK;
    }
}
