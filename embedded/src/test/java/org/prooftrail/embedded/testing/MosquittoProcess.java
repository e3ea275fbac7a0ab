package org.prooftrail.embedded.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Mosquitto of a test's own, on a free loopback port with the settings the test gives (a queue
 * limit to show loss, or the project's shipped limits), so the test neither depends on nor disturbs
 * the machine's broker. Its log is a file beside its configuration.
 */
public final class MosquittoProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The mosquitto binary on PATH or in /usr/sbin, if installed. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        return Stream.of(path.split(File.pathSeparator)).filter(p -> !p.isEmpty()).map(p -> Path.of(p, "mosquitto"))
                .filter(Files::isExecutable).findFirst();
    }

    /** @param settings mosquitto.conf lines other than the listener and the log, which this adds */
    public static MosquittoProcess start(List<String> settings) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("no mosquitto binary on PATH or in /usr/sbin"));
        Path dir = Files.createTempDirectory("pt-mosquitto");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> conf = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "log_dest stderr"));
        conf.addAll(settings);
        conf.add("");
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, String.join("\n", conf));
        // mosquitto started as root drops to the user mosquitto, which must still read its configuration
        dir.toFile().setReadable(true, false);
        file.toFile().setReadable(true, false);
        Path log = dir.resolve("mosquitto.log");
        Process process = new ProcessBuilder(binary.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MosquittoProcess broker = new MosquittoProcess(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!broker.accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IllegalStateException("mosquitto did not start on port " + port + ": " + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return broker;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
