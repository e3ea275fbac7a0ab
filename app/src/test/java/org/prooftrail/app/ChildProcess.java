package org.prooftrail.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prooftrail command in its own JVM, as an operator runs it, so that tests can kill it for real.
 * Its output is copied to a log file; the health URL it prints tells the test where it listens.
 */
final class ChildProcess implements AutoCloseable {
    private static final Pattern HEALTH = Pattern.compile("health at (http://127\\.0\\.0\\.1:\\d+)/health/ready");

    private final Process process;
    private final CompletableFuture<String> httpBase = new CompletableFuture<>();
    private final Thread output;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.output = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher m = HEALTH.matcher(line);
                    if (m.find()) {
                        httpBase.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            httpBase.completeExceptionally(new IllegalStateException("the process ended before serving; see " + log));
        }, "child-output");
        output.setDaemon(true);
        output.start();
    }

    static ChildProcess start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProofTrailCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PT_"));
        pb.environment().putAll(env);
        return new ChildProcess(pb.start(), log);
    }

    /** The process id, for reading what the operating system says of it (e.g. /proc/PID/status). */
    long pid() {
        return process.pid();
    }

    String awaitServing(long seconds) throws Exception {
        return httpBase.get(seconds, TimeUnit.SECONDS);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the drain to finish. */
    int terminate(long seconds) throws InterruptedException {
        // Not Process.destroy(): it also closes our end of the child's output, and what the child
        // prints while shutting down would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        output.join(10_000); // everything it printed is in the log
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(30);
        }
    }
}
