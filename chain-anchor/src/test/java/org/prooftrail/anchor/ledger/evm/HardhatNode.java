package org.prooftrail.anchor.ledger.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * A real Hardhat 2 node on a free loopback port, for as long as a test class needs it: chain id
 * 31337, automining each transaction into its own block, with Hardhat's public test accounts funded.
 * Its output goes to {@code target/pt-test/hardhat-node-PORT.log}.
 */
final class HardhatNode implements AutoCloseable {
    static final long CHAIN_ID = 31337;

    /** Hardhat's well-known default accounts: public test keys, worthless anywhere else. */
    static final String KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String ADDRESS_2 = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    /** HTTP/1.1: the JDK client's default h2c upgrade request gets "Bad Request" from Hardhat. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook;

    private HardhatNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // Should the test JVM end without close() (a crash, a kill by the build), take the node along.
        this.shutdownHook = new Thread(() -> ProcessTree.kill(process), "hardhat-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static HardhatNode start() throws IOException {
        Path home = HardhatInstall.ensure();
        int port = freePort();
        Path log = workDir().resolve("hardhat-node-" + port + ".log");
        // --hostname always: without it Hardhat listens on every interface.
        ProcessBuilder builder = new ProcessBuilder("npx", "--no-install", "hardhat", "node", "--hostname", "127.0.0.1", "--port", String.valueOf(port))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run npx: the evm ledger tests need Node.js and npm on the PATH", e);
        }
        HardhatNode node = new HardhatNode(process, port, log);
        try {
            node.awaitReady();
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** One raw JSON-RPC call; the tests use it for Hardhat's own methods such as evm_setAutomine. */
    String rpc(String method, String params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() != 200 || body.contains("\"error\"")) {
            throw new IOException(method + " failed: " + body);
        }
        return body;
    }

    private void awaitReady() {
        Awaitility.await("Hardhat JSON-RPC at " + rpcUrl())
                .atMost(START_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(this::answersChainId);
    }

    private boolean answersChainId() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Hardhat node exited (code " + process.exitValue() + ") before it answered; its output:\n"
                    + HardhatInstall.tail(log));
        }
        try {
            return rpc("eth_chainId", "[]").contains("\"0x7a69\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** target/pt-test under Maven (PT_TEST_WORK, set by the parent pom), else the temp folder. */
    private static Path workDir() throws IOException {
        String base = System.getenv("PT_TEST_WORK");
        return Files.createDirectories(base != null ? Path.of(base) : Path.of(System.getProperty("java.io.tmpdir"), "pt-test"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ProcessTree.kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook's kill is harmless after this one
        }
    }
}
