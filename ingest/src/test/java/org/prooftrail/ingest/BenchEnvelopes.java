package org.prooftrail.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.prooftrail.sim.SimDevice;

/**
 * Envelopes signed before a benchmark starts its clock, so that signing costs neither time nor CPU in
 * the measured window: round r of device d is readings every minute from 2026-11-20, each device in
 * turn, and device d's envelopes go through publisher d mod {@code publishers}, in seq order.
 */
record BenchEnvelopes(List<List<String>> topics, List<List<byte[]>> payloads, int total) {

    static BenchEnvelopes sign(List<SimDevice> devices, int total, int publishers, int readings) {
        double[] temps = new double[readings];
        for (int k = 0; k < readings; k++) {
            temps[k] = 4.0 + k * 0.1;
        }
        Instant t = Instant.parse("2026-11-20T00:00:00Z");
        List<List<String>> topics = new ArrayList<>();
        List<List<byte[]>> payloads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            topics.add(new ArrayList<>());
            payloads.add(new ArrayList<>());
        }
        // each publisher's devices are its own, so publishers' shares are signed in parallel
        IntStream.range(0, publishers).parallel().forEach(p -> {
            for (int i = 0; i < total; i++) {
                int d = i % devices.size();
                if (d % publishers == p) {
                    SimDevice device = devices.get(d);
                    topics.get(p).add(device.readingsTopic());
                    payloads.get(p).add(device.readings(t.plusSeconds(i / devices.size() * 60L), temps));
                }
            }
        });
        return new BenchEnvelopes(topics, payloads, total);
    }

    long bytes() {
        return payloads.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
    }
}
