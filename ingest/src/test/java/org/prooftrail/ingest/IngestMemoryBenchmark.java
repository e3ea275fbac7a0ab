package org.prooftrail.ingest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Resident memory of an ingest process (its own JVM, default in-flight bounds from its heap) while
 * envelopes of about 256 KiB arrive and the database is frozen, then while the backlog is stored.
 * Not part of the test run (tag "benchmark"); run with {@code ./mvnw -pl ingest -am verify
 * -Dtest=IngestMemoryBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}
 * (PT_TEST_* for the machine's services; -Dpt.bench.xmx=256m for another heap, -DPT_INGEST_...=value
 * for other ingest settings). It prints peak RSS
 * (VmHWM) and asserts only that the child survived and stored everything exactly once.
 */
@Tag("benchmark")
class IngestMemoryBenchmark {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
    private static final int DEVICES = 8;
    private static final int PER_DEVICE = 40; // 320 envelopes, 80 MiB

    @Test
    void residentMemoryWithAFrozenDatabaseAndEnvelopesOf256KiB() throws Exception {
        String xmx = System.getProperty("pt.bench.xmx", "384m");
        try (IngestHarness h = new IngestHarness(Map.of())) {
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                devices.add(h.device("bulk", "logger-" + i, SignatureAlgorithm.EdDSA));
            }
            List<String> topics = new ArrayList<>();
            List<byte[]> envelopes = new ArrayList<>();
            double[] temps = new double[3_800]; // about 250 KiB signed
            for (int i = 0; i < temps.length; i++) {
                temps[i] = 2.0 + (i % 60) / 10.0;
            }
            for (int n = 0; n < PER_DEVICE; n++) {
                for (SimDevice d : devices) {
                    topics.add(d.readingsTopic());
                    envelopes.add(d.readings(T.plusSeconds((long) n * temps.length), temps));
                }
            }
            long payloadBytes = envelopes.stream().mapToLong(e -> e.length).sum();

            DatabaseSettings db = h.dbSettings;
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                    IngestChildProcess.class.getName());
            pb.environment().put(DatabaseSettings.URL, db.url());
            pb.environment().put(DatabaseSettings.USER, db.user());
            if (db.password() != null) {
                pb.environment().put(DatabaseSettings.PASSWORD, db.password());
            }
            pb.environment().put(MqttSettings.URL, TestServices.mqttUrl());
            pb.environment().put(MqttSettings.CLIENT_ID, h.group + "-child");
            pb.environment().put(MqttSettings.SHARED_GROUP, h.group);
            pb.environment().put(IngestSettings.SESSION_EXPIRY, "10m");
            System.getProperties().forEach((k, v) -> {
                if (k.toString().startsWith("PT_INGEST_")) {
                    pb.environment().put(k.toString(), v.toString()); // e.g. -DPT_INGEST_MAX_IN_FLIGHT_BYTES=... to compare
                }
            });
            pb.redirectErrorStream(true);
            Process child = pb.start();
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch paused = new CountDownLatch(1);
            Thread echo = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        System.out.println("child| " + line);
                        if (line.startsWith("CHILD READY")) {
                            ready.countDown();
                        }
                        if (line.contains("in-flight bound reached")) {
                            paused.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child ended
                }
            });
            echo.setDaemon(true);
            echo.start();
            try {
                if (!ready.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the ingest child did not start");
                }
                AtomicLong peakFrozen = new AtomicLong();
                long startRss = rssKiB(child.pid());
                long frozenSince;
                try (Connection frozen = h.db.connection()) {
                    frozen.setAutoCommit(false);
                    try (Statement s = frozen.createStatement()) {
                        s.execute("LOCK TABLE envelope IN ACCESS EXCLUSIVE MODE");
                    }
                    frozenSince = System.nanoTime();
                    try (MqttPublisher pub = h.publisher()) {
                        List<CompletableFuture<Void>> acks = new ArrayList<>();
                        for (int i = 0; i < envelopes.size(); i++) {
                            acks.add(pub.publish(topics.get(i), envelopes.get(i)));
                            peakFrozen.accumulateAndGet(rssKiB(child.pid()), Math::max);
                        }
                        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
                    }
                    // frozen until ingest has paused (or a minute), then ten seconds more
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < until && child.isAlive()) {
                        if (paused.getCount() == 0) {
                            until = Math.min(until, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
                        }
                        peakFrozen.accumulateAndGet(rssKiB(child.pid()), Math::max);
                        TimeUnit.MILLISECONDS.sleep(100); // a sampling period
                    }
                    frozen.rollback();
                }
                double frozenSeconds = (System.nanoTime() - frozenSince) / 1e9;
                long drainStart = System.nanoTime();
                h.awaitCount("SELECT count(*) FROM envelope", envelopes.size(), Duration.ofMinutes(3));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                long hwm = hwmKiB(child.pid());
                if (!child.isAlive()) {
                    throw new AssertionError("the ingest child died (exit " + child.exitValue() + ")");
                }
                long stored = h.count("SELECT count(*) FROM envelope");
                long distinct = h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope");
                System.out.printf("%nINGEST MEMORY BENCHMARK broker=%s, child -Xmx%s, %s%n", TestServices.mqttUrl(), xmx,
                        pb.environment().containsKey(IngestSettings.MAX_IN_FLIGHT_BYTES)
                                ? IngestSettings.MAX_IN_FLIGHT_BYTES + "=" + pb.environment().get(IngestSettings.MAX_IN_FLIGHT_BYTES)
                                : "default in-flight bounds");
                System.out.printf("  %d envelopes, %.1f MiB of payload, database frozen %.1f s (ingest %s), then stored in %.1f s%n",
                        envelopes.size(), payloadBytes / 1048576.0, frozenSeconds,
                        paused.getCount() == 0 ? "paused at its bound" : "never reached its bound", drainSeconds);
                System.out.printf("  RSS at start %d MiB; peak while frozen %d MiB; peak overall (VmHWM) %d MiB%n",
                        startRss / 1024, peakFrozen.get() / 1024, hwm / 1024);
                System.out.printf("  stored %d, distinct %d%n%n", stored, distinct);
                if (stored != envelopes.size() || distinct != envelopes.size()) {
                    throw new AssertionError("stored " + stored + " (" + distinct + " distinct) of " + envelopes.size());
                }
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
                TestServices.clearMqttSession(h.group + "-child");
            }
        }
    }

    private static long rssKiB(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long hwmKiB(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException e) {
            return 0; // the process is gone
        }
        return 0;
    }
}
