package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees of each command, run as the shipped jar runs: commands that print a value print only that
 * value on stdout (so {@code ADMIN=$(./prooftrail token --role admin)} works), logging goes to stderr, and
 * logback's own start-up report (printed when it found two logback.xml, ours and the embedded HiveMQ jar's)
 * never shows.
 */
class CommandOutputTest {
    private static final Pattern LOGBACK_STATUS = Pattern.compile("\\|-(INFO|WARN|ERROR) in ");
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** One of our log lines: time, level, then an org.prooftrail logger (abbreviated to o.p.). */
    private static final Pattern OUR_LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ +o\\.p\\.\\S+ - .*");

    private static void assertNoLogbackStatus(String output) {
        assertFalse(LOGBACK_STATUS.matcher(output).find(), () -> "logback's status report was printed:\n" + output);
    }

    @Test
    void tokenPrintsTheTokenAloneOnStdout(@TempDir Path home) throws Exception {
        DemoSecrets.ensureJwtSecret(home.resolve("keys"));
        ShippedCommand.Result r = ShippedCommand.run(home, Map.of(), "token", "--role", "admin", "--home", home.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), () -> "stdout:\n" + r.out());
        assertTrue(JWT.matcher(r.outLines().get(0)).matches(), r.out());
        assertNoLogbackStatus(r.err());
    }

    @Test
    void debugLoggingStaysOffStdout(@TempDir Path home) throws Exception {
        DemoSecrets.ensureJwtSecret(home.resolve("keys"));
        ShippedCommand.Result r = ShippedCommand.run(home, Map.of("PT_LOG_LEVEL", "DEBUG"),
                "token", "--role", "regulator", "--home", home.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), () -> "stdout:\n" + r.out());
        assertTrue(r.err().contains(" DEBUG "), () -> "the debug lines went to stderr:\n" + r.err());
    }

    @Test
    void aWrongLogLevelIsNamedAndInfoIsUsed(@TempDir Path home) throws Exception {
        DemoSecrets.ensureJwtSecret(home.resolve("keys"));
        ShippedCommand.Result r = ShippedCommand.run(home, Map.of("PT_LOG_LEVEL", "loud"),
                "token", "--role", "regulator", "--home", home.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, r.outLines().size(), () -> "stdout:\n" + r.out());
        assertTrue(r.err().contains("PT_LOG_LEVEL must be one of") && r.err().contains("'loud'"), r.err());
        assertFalse(r.err().contains(" DEBUG "), () -> "logback read 'loud' as DEBUG:\n" + r.err());
    }

    @Test
    void keygenPrintsThePublicKeyAloneOnStdout(@TempDir Path dir) throws Exception {
        ShippedCommand.Result r = ShippedCommand.run(dir, Map.of(), "keygen", "--name", "truck-7", "--alg", "ES256",
                "--out", dir.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(Files.readString(dir.resolve("truck-7.pub.pem"), StandardCharsets.UTF_8), r.out());
        assertTrue(r.err().contains("truck-7.key.pem"), "where the keys went is said on stderr: " + r.err());
        assertNoLogbackStatus(r.err());
    }

    @Test
    void verifyPrintsItsReportAloneOnStdout(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("log.pub.pem");
        Files.writeString(key, "not read: the bundle is missing");
        ShippedCommand.Result r = ShippedCommand.run(dir, Map.of(), "verify", dir.resolve("missing.json").toString(),
                "--log-key", key.toString());
        assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
        List<String> lines = r.outLines();
        assertEquals(1, lines.size(), () -> "stdout:\n" + r.out());
        assertTrue(lines.get(0).startsWith("FAIL  bundle: cannot read "), r.out());
        assertNoLogbackStatus(r.err());
    }

    @Test
    void theDemosFirstScreenStartsWithOurOwnLines(@TempDir Path home) throws Exception {
        Path screen = home.resolve("screen.txt");
        // stdout and stderr in one file, in the order a terminal shows them
        Process demo = ShippedCommand.builder(Map.of(), "demo", "--home", home.resolve("data").toString(),
                        "--http-port", "0", "--mqtt-port", "0", "--db-port", "0", "--no-sim")
                .redirectErrorStream(true).redirectOutput(screen.toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120))
                    .until(() -> !demo.isAlive() || Files.readString(screen).contains("Press Ctrl-C to stop."));
            String shown = Files.readString(screen, StandardCharsets.UTF_8);
            assertTrue(demo.isAlive(), () -> "the demo ended:\n" + shown);
            assertNoLogbackStatus(shown);
            String first = shown.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
            assertTrue(OUR_LOG_LINE.matcher(first).matches() || first.startsWith("ProofTrail"),
                    () -> "the first line is not ours: " + first);
            // without the simulation there is no maker's organisation: the regulator and admin accounts only
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(screen, StandardCharsets.UTF_8).contains("  admin: demo-admin / "));
            String console = Files.readString(screen, StandardCharsets.UTF_8);
            assertTrue(Pattern.compile("(?m)^Console     http://127\\.0\\.0\\.1:\\d+/console/\n"
                    + "  regulator: demo-regulator / \\S{20}\n  admin: demo-admin / \\S{20}$").matcher(console).find(),
                    console);
        } finally {
            demo.toHandle().destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }
}
