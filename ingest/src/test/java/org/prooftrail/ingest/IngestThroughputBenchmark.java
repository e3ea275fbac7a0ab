package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.embedded.testing.cpu.CpuSampler;
import org.prooftrail.embedded.testing.cpu.CpuSources;
import org.prooftrail.embedded.testing.cpu.PostgresServer;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Ingest's rate end to end, and where its CPU goes: pre-signed envelopes (Ed25519, 5 readings each by default,
 * 200 devices) published at QoS 1 by four clients, through the broker, verified, stored and
 * acknowledged. Not part of the test run (tag "benchmark"); run with
 * <pre>
 * ./mvnw -pl ingest -am test -Dtest=IngestThroughputBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * and, for the machine's own broker and database, PT_TEST_MQTT_URL / PT_TEST_DB_URL / PT_TEST_DB_USER.
 * <ul>
 * <li>{@code -Dpt.bench.envelopes=N} (default 30,000);</li>
 * <li>{@code -Dpt.bench.readings=N} (default 5): readings per envelope;</li>
 * <li>{@code -Dpt.bench.warmup=N} (default 0): envelopes published and stored before the window opens, so
 * that the window sees compiled code rather than the JIT compiling ingest's paths (a cold JVM spends
 * about a fifth of its CPU on the JIT in the first minute);</li>
 * <li>sustained (the default): timed from the first publish to the last envelope stored. Publishers keep
 * at most about 10,000 messages ahead of what ingest has stored (ingest takes 20,000 unacknowledged). That
 * does not bound what the broker holds for ingest: the machine's Mosquitto, with its default queue, dropped
 * messages in runs after a warm-up (docs/benchmarks.md, "Loss on the machine's Mosquitto");</li>
 * <li>{@code -Dpt.bench.backlog=true}: ingest's persistent session subscribes and ingest stops (keeping
 * the subscription, PT_INGEST_LEAVE_ON_STOP=false); everything is published and queued by the broker;
 * ingest starts again under the same client id and the drain is timed from the first message received
 * to the last stored. The broker must queue them all: {@code -Dpt.bench.broker=mosquitto} starts a
 * Mosquitto of the benchmark's own with the project's shipped queue limits (k8s/overlays/dev);</li>
 * <li>{@code -DPT_INGEST_...=value} sets ingest's settings.</li>
 * </ul>
 * Over exactly the timed window it reads /proc for the CPU of the broker's process, of PostgreSQL, of
 * each role of this JVM's threads and of the whole machine, and prints the budget per envelope as a
 * markdown table ({@link CpuBudget}). It asserts only that every envelope was stored once and none refused.
 */
@Tag("benchmark")
class IngestThroughputBenchmark {
    private static final int ENVELOPES = Integer.getInteger("pt.bench.envelopes", 30_000);
    private static final int WARMUP = Integer.getInteger("pt.bench.warmup", 0);
    private static final boolean BACKLOG = Boolean.getBoolean("pt.bench.backlog");
    private static final boolean OWN_MOSQUITTO = "mosquitto".equals(System.getProperty("pt.bench.broker"));
    private static final int DEVICES = 200;
    private static final int READINGS = Integer.getInteger("pt.bench.readings", 5);
    private static final int PUBLISHERS = 4;
    private static final long MAX_AHEAD = 10_000;
    /** Publishers' client ids: their first character must differ from ingest's (see {@link BenchThreadGroups}). */
    private static final String PUBLISHER_ID = "bench-pub-";
    /** Nothing more stored for this long: the rest is not coming (a returning ingest may wait 10 s to subscribe again). */
    private static final Duration STALL = Duration.ofSeconds(60);
    /** ... or for this long once the broker has acknowledged every publish. */
    private static final Duration STALL_AFTER_PUBLISHING = Duration.ofSeconds(15);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    /** The timed window and the CPU used in it. */
    private record Window(long start, long end, Map<String, Long> cpu, IngestService ingest, String loadBefore) {
        double seconds() {
            return (end - start) / 1e9;
        }
    }

    @Test
    void envelopesPerSecond() throws Exception {
        Map<String, String> settings = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("PT_INGEST_")) {
                settings.put(k.toString(), v.toString()); // e.g. -DPT_INGEST_BATCH_DELAY=20ms to compare settings
            }
        });
        Map<String, String> ingestSettings = new HashMap<>(settings);
        if (BACKLOG) {
            ingestSettings.put(IngestSettings.LEAVE_ON_STOP, "false"); // the stop before the backlog keeps the subscription
        }
        try (BenchBroker broker = OWN_MOSQUITTO ? BenchBroker.ownMosquitto() : BenchBroker.ofTests();
             IngestHarness h = new IngestHarness(ingestSettings)) {
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                devices.add(h.device("bench", "bench-" + i, SignatureAlgorithm.EdDSA));
            }
            long signing = System.nanoTime();
            BenchEnvelopes warmup = BenchEnvelopes.sign(devices, WARMUP, PUBLISHERS, READINGS, Instant.parse("2026-11-20T00:00:00Z"));
            BenchEnvelopes envelopes = BenchEnvelopes.sign(devices, ENVELOPES, PUBLISHERS, READINGS, warmup.after());
            System.out.printf("%n%d + %d envelopes signed in %.1f s, %d bytes each on average%n", warmup.total(), envelopes.total(),
                    (System.nanoTime() - signing) / 1e9, envelopes.bytes() / envelopes.total());
            String ingestId = h.nextClientId();
            BenchThreadGroups roles = new BenchThreadGroups(ingestId, PUBLISHER_ID);
            PostgresServer postgres = PostgresServer.of(h.db.dataSource());
            List<CpuSampler.Source> sources = new ArrayList<>(List.of(CpuSources.jvmThreads(roles), CpuSources.jvm(CpuBudget.JVM),
                    CpuSources.machine(CpuBudget.MACHINE), postgres.source(CpuBudget.POSTGRES_ALL,
                    CpuBudget.POSTGRES_DATABASE, CpuBudget.POSTGRES_SERVER)));
            broker.process().ifPresent(sources::add);

            Window w;
            long expected;
            if (BACKLOG) {
                SimDevice probe = h.device("bench", "bench-probe", SignatureAlgorithm.EdDSA);
                w = drainBacklog(h, broker, ingestId, probe, warmup, envelopes, sources);
                expected = warmup.total() + envelopes.total() + 1L;
            } else {
                w = sustained(h, broker, ingestId, warmup, envelopes, sources);
                expected = warmup.total() + envelopes.total();
            }
            report(h, broker, settings, envelopes, w);
            assertEquals(expected, h.count("SELECT count(*) FROM envelope"), "envelopes stored");
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message"), "envelopes refused");
        }
    }

    private static Window sustained(IngestHarness h, BenchBroker broker, String ingestId, BenchEnvelopes warmup,
                                    BenchEnvelopes envelopes, List<CpuSampler.Source> sources) throws Exception {
        IngestService ingest = h.startIngest(h.dbSettings, broker.url(), ingestId);
        List<MqttPublisher> publishers = connect(broker, h.run);
        ExecutorService loops = publishingLoops();
        try {
            awaitStored(h, ingest, warmup.total(), publish(loops, publishers, warmup, ingest, 0));
            String load = loadAverage();
            CpuSampler cpu = CpuSampler.open(SAMPLE_EVERY, sources);
            long start = System.nanoTime();
            List<Future<?>> sending = publish(loops, publishers, envelopes, ingest, warmup.total());
            long end = awaitStored(h, ingest, warmup.total() + envelopes.total(), sending);
            return new Window(start, end, cpu.close(), ingest, load);
        } finally {
            loops.shutdownNow();
            publishers.forEach(MqttPublisher::close);
        }
    }

    /**
     * Ingest's session is made and left subscribed; everything is published while ingest is away, then
     * ingest returns (in the same JVM, warmed up by the first) and drains it. A message through the first
     * ingest shows the subscription is in place.
     */
    private static Window drainBacklog(IngestHarness h, BenchBroker broker, String ingestId, SimDevice probe,
                                       BenchEnvelopes warmup, BenchEnvelopes envelopes, List<CpuSampler.Source> sources)
            throws Exception {
        IngestService first = h.startIngest(h.dbSettings, broker.url(), ingestId);
        try (MqttPublisher pub = new MqttPublisher(broker.url(), PUBLISHER_ID + "probe-" + h.run, 1)) {
            pub.publish(probe.readingsTopic(), probe.readings(Instant.parse("2026-11-19T00:00:00Z"), 4.0)).get(30, TimeUnit.SECONDS);
        }
        awaitStored(h, first, 1, List.of());
        List<MqttPublisher> publishers = connect(broker, h.run);
        ExecutorService loops = publishingLoops();
        try {
            awaitStored(h, first, 1L + warmup.total(), publish(loops, publishers, warmup, first, 1));
            first.close();
            long queueing = System.nanoTime();
            for (Future<?> f : publish(loops, publishers, envelopes, null, 0)) {
                f.get();
            }
            System.out.printf("%d envelopes queued by the broker for ingest's session in %.1f s (each acknowledged to its publisher)%n",
                    envelopes.total(), (System.nanoTime() - queueing) / 1e9);
        } finally {
            loops.shutdownNow();
            publishers.forEach(MqttPublisher::close);
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CompletableFuture<Window> opened = new CompletableFuture<>();
        Thread watch = new Thread(() -> {
            while (true) {
                Counter received = meters.find("pt_ingest_received").counter();
                if (received != null && received.count() > 0) {
                    String load = loadAverage();
                    opened.complete(new Window(System.nanoTime(), 0, null, null, load));
                    return;
                }
                LockSupport.parkNanos(100_000);
                if (Thread.interrupted()) {
                    return;
                }
            }
        }, BenchThreadGroups.WATCH_THREAD);
        watch.start();
        CpuSampler cpu = null;
        try {
            // the window opens at the first message received; the sampler opens as soon as that is seen
            IngestService ingest = h.startIngest(h.dbSettings, broker.url(), ingestId, meters);
            Window start = opened.get(60, TimeUnit.SECONDS);
            cpu = CpuSampler.open(SAMPLE_EVERY, sources);
            long end = awaitStored(h, ingest, envelopes.total(), List.of());
            return new Window(start.start(), end, cpu.close(), ingest, start.loadBefore());
        } finally {
            watch.interrupt();
        }
    }

    private static List<MqttPublisher> connect(BenchBroker broker, String run) throws Exception {
        List<MqttPublisher> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            publishers.add(new MqttPublisher(broker.url(), PUBLISHER_ID + p + "-" + run, 200));
        }
        return publishers;
    }

    /** Threads that stay alive until the window has closed, so that their CPU is read. */
    private static ExecutorService publishingLoops() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(PUBLISHERS, r -> new Thread(r, BenchThreadGroups.PUBLISH_LOOP_THREAD + n.incrementAndGet()));
    }

    /**
     * Each publisher's share, done when the broker has acknowledged all of it; paced against what
     * {@code pacedBy} has stored beyond {@code storedBefore}, unless null.
     */
    private static List<Future<?>> publish(ExecutorService loops, List<MqttPublisher> publishers, BenchEnvelopes envelopes,
                                           IngestService pacedBy, long storedBefore) {
        List<Future<?>> sending = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            MqttPublisher pub = publishers.get(p);
            List<String> topics = envelopes.topics().get(p);
            List<byte[]> payloads = envelopes.payloads().get(p);
            sending.add(loops.submit(() -> {
                List<CompletableFuture<Void>> acks = new ArrayList<>(payloads.size());
                for (int i = 0; i < payloads.size(); i++) {
                    // paced by ingest's own count, not by SQL: a count(*) per check would be PostgreSQL work in the budget
                    while (pacedBy != null && i % 500 == 0
                            && (long) i * PUBLISHERS - (pacedBy.metrics().storedCount() - storedBefore) > MAX_AHEAD) {
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                    acks.add(pub.publish(topics.get(i), payloads.get(i)));
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
                return null;
            }));
        }
        return sending;
    }

    /** Waits until {@code ingest} has stored {@code total}; the moment it has. Fails loudly when storing stops short. */
    private static long awaitStored(IngestHarness h, IngestService ingest, long total, List<Future<?>> sending) throws Exception {
        double last = -1;
        long progress = System.nanoTime();
        while (true) {
            double stored = ingest.metrics().storedCount();
            if (stored >= total) {
                return System.nanoTime();
            }
            boolean published = true;
            for (Future<?> f : sending) {
                if (f.isDone()) {
                    f.get(); // a publisher that failed says why
                } else {
                    published = false;
                }
            }
            long now = System.nanoTime();
            Duration stall = published && !sending.isEmpty() ? STALL_AFTER_PUBLISHING : STALL;
            if (stored > last) {
                last = stored;
                progress = now;
            } else if (now - progress > stall.toNanos()) {
                throw new AssertionError(String.format("%.0f of %d envelopes stored and nothing more for %d s: messages were lost "
                        + "(Mosquitto drops QoS 1 messages for a slow or absent session past max_queued_messages, 1,000 by default; "
                        + "see docs/deploy.md, \"Broker settings that prevent loss\") or ingest is stuck; %s",
                        stored, total, stall.toSeconds(), h.state()));
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static void report(IngestHarness h, BenchBroker broker, Map<String, String> settings, BenchEnvelopes envelopes,
                               Window w) {
        double seconds = w.seconds();
        int total = envelopes.total();
        String db = System.getenv(TestServices.DB_URL);
        System.out.printf("%nINGEST BENCHMARK, %s%n", BACKLOG ? "draining a backlog" : "sustained");
        System.out.printf("  broker: %s, %s; database: %s%n", broker.name(), broker.details(), db == null || db.isBlank() ? "embedded PostgreSQL" : db);
        System.out.printf("  %d envelopes (%d readings each, Ed25519) from %d devices, %d publishers, after %d stored to warm up; "
                        + "settings %s%n", total, READINGS, DEVICES, PUBLISHERS, WARMUP, settings);
        System.out.printf("  %s in %.2f s: %.0f envelopes/s, %.0f readings/s%n",
                BACKLOG ? "first received to last stored" : "first published to last stored", seconds, total / seconds,
                total * READINGS / seconds);
        IngestMetrics m = w.ingest().metrics();
        System.out.printf("  batches: %d, mean size %.0f; commit mean %.1f ms, max %.1f ms; verify mean %.3f ms; duplicates %.0f%n",
                m.batchSize.count(), m.batchSize.mean(), m.commitTime.mean(TimeUnit.MILLISECONDS),
                m.commitTime.max(TimeUnit.MILLISECONDS), m.verifyTime.mean(TimeUnit.MILLISECONDS), m.duplicateCount());
        System.out.printf("  load average (1, 5, 15 min): %s when the window opened, %s when it closed; %d CPUs%n",
                w.loadBefore(), loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%nCPU over the window (%.2f s), per envelope:%n%n%s%n", seconds,
                new CpuBudget(w.cpu(), total, seconds, broker.name()).table());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
