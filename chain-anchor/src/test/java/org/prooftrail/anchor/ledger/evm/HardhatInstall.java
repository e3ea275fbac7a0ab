package org.prooftrail.anchor.ledger.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hardhat 2 from npm, installed once into a folder outside the repository that outlives the build
 * ({@code ~/.cache/prooftrail/hardhat}, or {@code PT_HARDHAT_HOME}): about 290 MB, which no test run
 * should download again, and which must not land in a commit.
 *
 * <p>A file lock serialises installs between concurrent builds (two clones, CI next to a developer);
 * a marker file written last tells a finished install from one that was cut off.
 */
final class HardhatInstall {
    /** Pinned: Hardhat 3 needs Node 22, and a fixed version keeps every machine's node alike. */
    static final String VERSION = "2.29.1";
    static final String HOME_ENV = "PT_HARDHAT_HOME";
    private static final String MARKER = ".installed";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final int MIN_NODE_MAJOR = 18;

    private HardhatInstall() {
    }

    /** The folder holding node_modules/hardhat and a hardhat.config.js; installs first when needed. */
    static synchronized Path ensure() {
        Path home = home();
        try {
            Files.createDirectories(home);
            if (installed(home)) {
                return home;
            }
            try (FileChannel channel = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!installed(home)) {
                    install(home);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Hardhat folder " + home, e);
        }
    }

    static Path home() {
        String override = System.getenv(HOME_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "prooftrail", "hardhat");
    }

    private static boolean installed(Path home) throws IOException {
        Path marker = home.resolve(MARKER);
        return Files.isRegularFile(marker)
                && Files.readString(marker).trim().equals("hardhat@" + VERSION)
                && Files.isRegularFile(home.resolve("node_modules/hardhat/package.json"));
    }

    private static void install(Path home) throws IOException {
        requireNode();
        Files.deleteIfExists(home.resolve(MARKER));
        Files.writeString(home.resolve("package.json"), """
                {
                  "name": "prooftrail-test-hardhat",
                  "private": true,
                  "description": "Hardhat for the ProofTrail evm ledger tests; installed by HardhatInstall, safe to delete",
                  "dependencies": { "hardhat": "%s" }
                }
                """.formatted(VERSION));
        // Only the in-process network: no Solidity sources here, so Hardhat never tries to download a compiler.
        Files.writeString(home.resolve("hardhat.config.js"),
                "// Written by the ProofTrail tests (HardhatInstall).\n"
                        + "module.exports = { networks: { hardhat: { chainId: 31337 } } };\n");
        Path log = home.resolve("npm-install.log");
        long started = System.nanoTime();
        int exit = run(home, log, INSTALL_TIMEOUT,
                List.of("npm", "install", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"));
        if (exit != 0) {
            throw new IllegalStateException("npm install hardhat@" + VERSION + " in " + home + " failed (exit " + exit + "):\n" + tail(log));
        }
        Path marker = Files.writeString(home.resolve(MARKER + ".tmp"), "hardhat@" + VERSION + "\n");
        Files.move(marker, home.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("installed hardhat@%s into %s in %d s%n", VERSION, home, (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** A missing Node.js fails the tests with what to install, never skips them: CI must run them. */
    static void requireNode() throws IOException {
        Path log = Files.createTempFile("node-version", ".txt");
        try {
            int exit = run(Path.of("."), log, Duration.ofSeconds(30), List.of("node", "--version"));
            String version = Files.readString(log).trim();
            if (exit != 0 || !version.matches("v\\d+\\..*")) {
                throw new IllegalStateException("`node --version` failed (exit " + exit + "): " + version);
            }
            int major = Integer.parseInt(version.substring(1, version.indexOf('.')));
            if (major < MIN_NODE_MAJOR) {
                throw new IllegalStateException("the evm ledger tests run Hardhat " + VERSION + ", which needs Node.js "
                        + MIN_NODE_MAJOR + " or newer; found " + version);
            }
            if (run(Path.of("."), log, Duration.ofSeconds(30), List.of("npm", "--version")) != 0) {
                throw new IllegalStateException("`npm --version` failed: " + Files.readString(log).trim());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static int run(Path dir, Path log, Duration timeout, List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + command.get(0) + "`: the evm ledger tests start a real Hardhat node and need"
                    + " Node.js " + MIN_NODE_MAJOR + "+ and npm on the PATH (Debian: apt-get install nodejs npm)", e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process);
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not finish within " + timeout + ":\n" + tail(log));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
