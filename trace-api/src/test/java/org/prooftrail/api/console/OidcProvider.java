package org.prooftrail.api.console;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OpenID Connect provider for tests: panva's certified {@code oidc-provider} from the npm registry,
 * installed into {@code target/oidc-provider} on first use and run with node as a child process by the
 * script in {@code src/test/resources/oidc/provider.mjs} (its development login accepts any password).
 * Skips the test, saying why, when node or npm is missing.
 */
final class OidcProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    /** 9.x is the line that runs on node 20 (it warns that 22 is preferred). */
    static final String PACKAGE = "oidc-provider@9.6.0";
    private static final Path HOME = Path.of("target", "oidc-provider");

    private final Process process;
    private final String issuer;
    private final List<String> output;

    private OidcProvider(Process process, String issuer, List<String> output) {
        this.process = process;
        this.issuer = issuer;
        this.output = output;
    }

    /**
     * A free port for the provider, so the console can be told its issuer before the provider runs. Taken
     * below Linux's ephemeral range (32768-60999): a port the kernel handed out for port 0 was once taken
     * by the console's own services, started in between, before the provider could bind it.
     */
    static int freePort() throws IOException {
        int start = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
        for (int i = 0; i < 12_000; i++) {
            int port = 20_000 + (start - 20_000 + i) % 12_000;
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port between 20000 and 31999");
    }

    /**
     * Starts the provider at {@code http://localhost:<port>} (another site than the console at 127.0.0.1,
     * so neither sees the other's cookies) with one client and these accounts (login to extra claims).
     */
    static OidcProvider start(int port, String clientId, String clientSecret, String redirectUri,
                              Map<String, JsonObject> accounts) throws Exception {
        install();
        Path script = HOME.resolve("provider.mjs");
        try (InputStream in = OidcProvider.class.getResourceAsStream("/oidc/provider.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String issuer = "http://localhost:" + port;
        JsonObject claims = new JsonObject();
        accounts.forEach(claims::put);
        ProcessBuilder pb = new ProcessBuilder("node", script.getFileName().toString()).directory(HOME.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of("OIDC_PORT", Integer.toString(port), "OIDC_ISSUER", issuer,
                "OIDC_CLIENT_ID", clientId, "OIDC_CLIENT_SECRET", clientSecret, "OIDC_REDIRECT_URI", redirectUri,
                "OIDC_ACCOUNTS", claims.encode()));
        Process p = pb.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    LOG.debug("oidc-provider: {}", line);
                    if (line.startsWith("oidc-provider listening on ")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; the wait below says so
            }
            listening.completeExceptionally(new IllegalStateException("oidc-provider exited: " + String.join("\n", output)));
        }, "oidc-provider-output");
        reader.setDaemon(true);
        reader.start();
        OidcProvider provider = new OidcProvider(p, issuer, output);
        try {
            listening.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            provider.close();
            throw e;
        }
        return provider;
    }

    String issuer() {
        return issuer;
    }

    /** What the provider printed (its warnings, server errors). */
    String output() {
        return String.join("\n", output);
    }

    private static void install() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are needed to run the OpenID Connect provider (oidc-provider) this test signs in with");
        if (Files.isRegularFile(HOME.resolve("node_modules/oidc-provider/package.json"))) {
            return;
        }
        Files.createDirectories(HOME);
        if (!Files.exists(HOME.resolve("package.json"))) { // else npm would look for a project in the folders above
            Files.writeString(HOME.resolve("package.json"), "{\"private\": true}\n");
        }
        LOG.info("installing {} into {} with npm", PACKAGE, HOME.toAbsolutePath());
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", PACKAGE)
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install " + PACKAGE + " failed:\n" + out);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
