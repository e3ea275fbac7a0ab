package org.prooftrail.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.prooftrail.sim.SimDevice;

/**
 * Envelopes signed before a benchmark starts its clock, so that signing costs neither time nor CPU in
 * the measured window: round r of device d is readings at {@code from} plus r minutes, each device in
 * turn, and device d's envelopes go through publisher d mod {@code publishers}, in seq order. A second
 * set signed for the same devices continues their seqs; {@link #after} gives the time it starts from.
 */
record BenchEnvelopes(List<List<String>> topics, List<List<byte[]>> payloads, int total, Instant after) {

    static BenchEnvelopes sign(List<SimDevice> devices, int total, int publishers, int readings, Instant from) {
        double[] temps = new double[readings];
        for (int k = 0; k < readings; k++) {
            temps[k] = 4.0 + k * 0.1;
        }
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
                    payloads.get(p).add(device.readings(from.plusSeconds(i / devices.size() * 60L), temps));
                }
            }
        });
        int rounds = (total + devices.size() - 1) / devices.size();
        return new BenchEnvelopes(topics, payloads, total, from.plusSeconds(rounds * 60L));
    }

    long bytes() {
        return payloads.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
    }
}
