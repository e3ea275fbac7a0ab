package org.prooftrail.sim.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Publishes signed reading envelopes from many devices at an offered rate for a while, with faults
 * mixed in, and records when each good envelope was sent and acknowledged. Devices take turns, so
 * every device's seqs arrive in order.
 */
public final class LoadRun {
    private final LoadPlan plan;
    private final SplittableRandom random;
    /** Good envelopes handed to the publisher so far: what a watcher compares the stored count with. */
    private final AtomicLong sent = new AtomicLong();

    public LoadRun(LoadPlan plan, long seed) {
        this.plan = plan;
        this.random = new SplittableRandom(seed);
    }

    /** The run's devices: ids {@code {org}-d{n}}, algorithms by the plan's weights, a fresh key each run. */
    public List<SimDevice> devices(String runId) {
        List<SignatureAlgorithm> wheel = new ArrayList<>();
        plan.algorithms().forEach((alg, weight) -> wheel.addAll(Collections.nCopies(weight, alg)));
        List<SimDevice> devices = new ArrayList<>();
        // seqs keep growing across runs without remembering the last one
        long firstSeq = System.currentTimeMillis() * 1000;
        for (int i = 0; i < plan.devices(); i++) {
            String id = plan.org() + "-d" + i;
            SignatureAlgorithm alg = wheel.get(i % wheel.size());
            devices.add(new SimDevice(plan.org(), id, id + "-" + runId,
                    org.prooftrail.core.crypto.SigningKey.generate(alg), firstSeq));
        }
        return devices;
    }

    /**
     * The good envelopes handed to the publisher so far (faults not counted), readable while the run goes: a
     * simulator on a busy machine can fall behind its plan, and what was stored is compared with this.
     */
    public long sent() {
        return sent.get();
    }

    public LoadResult run(List<SimDevice> devices, MqttPublisher publisher) throws InterruptedException {
        FaultInjector faults = new FaultInjector(plan.faults(), plan.oversizeBytes());
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        List<Published> published = Collections.synchronizedList(new ArrayList<>());
        AtomicLongArray lastAcked = new AtomicLongArray(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            lastAcked.set(i, -1);
        }
        AtomicLong failed = new AtomicLong();
        long readings = 0;
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        double nanosPerEnvelope = plan.rate() > 0 ? 1e9 / plan.rate() : 0;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * nanosPerEnvelope);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the offered load, not synchronisation
            }
            int d = (int) (i % devices.size());
            SimDevice device = devices.get(d);
            long seq = device.nextSeq();
            Instant now = Instant.now();
            byte[] payload = device.readingsWithSeq(seq, now, temperatures());
            readings += plan.readingsPerEnvelope();
            long sentMicros = micros(now);
            CompletableFuture<Void> publish = publisher.publish(device.readingsTopic(), payload);
            sent.incrementAndGet();
            pending.add(publish.whenComplete((ok, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    return;
                }
                published.add(new Published(device.id(), seq, sentMicros, micros(Instant.now())));
                lastAcked.accumulateAndGet(d, seq, Math::max);
            }));
            Optional<Fault> fault = faults.draw(random);
            long stored = lastAcked.get(d);
            if (fault.isPresent() && stored >= 0) {
                // faults are acknowledged too (ingest stores the rejection); their PUBACKs are awaited below
                pending.add(publisher.publish(device.readingsTopic(), faults.make(fault.get(), device, stored, now)));
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // counted per message in 'failed'; the summary says how many
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new LoadResult(plan, devices.stream().map(SimDevice::id).toList(), List.copyOf(published), failed.get(),
                readings, elapsed, faults.injected());
    }

    private double[] temperatures() {
        double[] t = new double[plan.readingsPerEnvelope()];
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextDouble() < plan.excursionProbability()
                    ? 9.0 + random.nextDouble() * 6.0   // above a 2-8 °C band
                    : 3.0 + random.nextDouble() * 4.0;
        }
        return t;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
