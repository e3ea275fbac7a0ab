package org.prooftrail.anchor.ledger.rfc3161;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link TestTimestampAuthority} running in its own JVM, as a real TSA would. */
final class TsaProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("TSA listening on (http://\\S+/) cert-sha256=([0-9a-f]{64})");
    private static final long START_SECONDS = 20;
    private static final long STOP_SECONDS = 10;

    private final Process process;
    private final URI url;
    private final String certificateSha256;
    private final Path certificatePem;

    private TsaProcess(Process process, URI url, String certificateSha256, Path certificatePem) {
        this.process = process;
        this.url = url;
        this.certificateSha256 = certificateSha256;
        this.certificatePem = certificatePem;
    }

    /** Starts the TSA and waits for its "listening" line; {@code dir} receives its certificate and stderr. */
    static TsaProcess start(Path dir) throws Exception {
        Path certificate = dir.resolve("tsa-cert.pem");
        Path log = dir.resolve("tsa-stderr.log");
        // Surefire's manifest-only booter jar is the whole test classpath, so the child sees our classes.
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TestTimestampAuthority.class.getName(), certificate.toString())
                .redirectError(log.toFile())
                .start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, ready), "test-tsa-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher line = ready.get(START_SECONDS, TimeUnit.SECONDS);
            return new TsaProcess(process, URI.create(line.group(1)), line.group(2), certificate);
        } catch (Exception e) {
            process.toHandle().destroyForcibly();
            String why = e instanceof TimeoutException ? "no listening line within " + START_SECONDS + " s" : e.toString();
            throw new IllegalStateException("test TSA did not start (" + why + "); its stderr:\n" + Files.readString(log), e);
        }
    }

    /** Reads until the ready line, then keeps draining so that the child never blocks on a full pipe. */
    private static void readStdout(Process process, CompletableFuture<Matcher> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher matcher = READY.matcher(line);
                if (matcher.matches()) {
                    ready.complete(matcher);
                }
            }
            ready.completeExceptionally(new IllegalStateException("the TSA exited with code " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    URI url() {
        return url;
    }

    URI url(String path) {
        return url.resolve(path);
    }

    String certificateSha256() {
        return certificateSha256;
    }

    String certificatePem() {
        try {
            return Files.readString(certificatePem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through the handle: {@code Process.destroy()} would also close our ends of the child's pipes. */
    @Override
    public void close() throws Exception {
        process.toHandle().destroy();
        try {
            process.toHandle().onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.toHandle().destroyForcibly();
            throw new IllegalStateException("test TSA ignored SIGTERM for " + STOP_SECONDS + " s", e);
        }
    }
}
