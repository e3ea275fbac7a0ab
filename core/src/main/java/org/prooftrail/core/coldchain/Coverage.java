package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Whether readings watched every moment of every custody window, and which envelopes are missing.
 * The consumer page's script recomputes the same rule from the signed readings, so every step here
 * is spelled out in docs/api.md ("Coverage") and must change in both places at once.
 *
 * @param uncovered stretches of windows no device covers, in window order then time
 * @param seqGaps   missing seqs of devices inside windows, in window, device and seq order
 */
public record Coverage(List<Uncovered> uncovered, List<SeqGap> seqGaps) {
    /** Without a product setting, a gap up to this long never counts as a hole. */
    public static final Duration FLOOR = Duration.ofMinutes(15);
    /** Without a product setting, a gap longer than this many median reporting intervals is a hole. */
    public static final int MEDIAN_FACTOR = 3;

    public Coverage {
        uncovered = List.copyOf(uncovered);
        seqGaps = List.copyOf(seqGaps);
    }

    public boolean complete() {
        return uncovered.isEmpty() && seqGaps.isEmpty();
    }

    public Duration uncoveredTotal() {
        return uncovered.stream().map(Uncovered::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * @param maxGap  the product's longest tolerated gap, or null for the per-device default
     * @param windows the custody windows with the devices at their locations
     * @param journey the readings, one series per window and device (matched by location, device and start)
     */
    public static Coverage of(Duration maxGap, List<Watch> windows, List<Series> journey) {
        List<Uncovered> uncovered = new ArrayList<>();
        List<SeqGap> gaps = new ArrayList<>();
        for (Watch w : windows) {
            if (!w.to().isAfter(w.from())) {
                continue;
            }
            List<Instant[]> covered = new ArrayList<>();
            for (String device : w.devices()) {
                List<Sample> samples = samplesOf(journey, w, device);
                covered.addAll(coveredBy(samples, w.from(), w.to(), threshold(maxGap, samples)));
                gaps.addAll(seqGaps(device, w.location(), samples));
            }
            covered.sort(Comparator.comparing(c -> c[0]));
            Instant cursor = w.from();
            for (Instant[] c : covered) {
                if (c[0].isAfter(cursor)) {
                    uncovered.add(new Uncovered(w.location(), cursor, c[0]));
                }
                cursor = c[1].isAfter(cursor) ? c[1] : cursor;
            }
            if (w.to().isAfter(cursor)) {
                uncovered.add(new Uncovered(w.location(), cursor, w.to()));
            }
        }
        return new Coverage(uncovered, gaps);
    }

    /** The device's samples taken inside the window, in time order. */
    private static List<Sample> samplesOf(List<Series> journey, Watch w, String device) {
        return journey.stream()
                .filter(s -> s.device().equals(device) && s.location().equals(w.location()) && s.from().equals(w.from()))
                .flatMap(s -> s.samples().stream())
                .filter(x -> !x.time().isBefore(w.from()) && x.time().isBefore(w.to()))
                .sorted(Comparator.comparing(Sample::time)).toList();
    }

    /**
     * The longest gap this device's readings may leave, in milliseconds: the product's setting, else
     * three times the median interval between its distinct reading times, at least 15 minutes.
     */
    static double threshold(Duration maxGap, List<Sample> samples) {
        if (maxGap != null) {
            return maxGap.toMillis();
        }
        long[] times = samples.stream().mapToLong(s -> s.time().toEpochMilli()).distinct().sorted().toArray();
        if (times.length < 2) {
            return FLOOR.toMillis();
        }
        double[] steps = new double[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            steps[i - 1] = times[i] - times[i - 1];
        }
        java.util.Arrays.sort(steps);
        int n = steps.length;
        double median = n % 2 == 1 ? steps[n / 2] : (steps[n / 2 - 1] + steps[n / 2]) / 2.0;
        return Math.max(FLOOR.toMillis(), MEDIAN_FACTOR * median);
    }

    /** The stretches between consecutive points of (from, readings.., to) no longer than the threshold. */
    private static List<Instant[]> coveredBy(List<Sample> samples, Instant from, Instant to, double threshold) {
        List<Instant[]> covered = new ArrayList<>();
        Instant previous = from;
        List<Instant> points = new ArrayList<>();
        samples.forEach(s -> points.add(s.time()));
        points.add(to);
        for (Instant p : points) {
            // in whole milliseconds, as a browser's Date measures them
            if (p.toEpochMilli() - previous.toEpochMilli() <= threshold) {
                covered.add(new Instant[] {previous, p});
            }
            previous = p;
        }
        return covered;
    }

    /** Each run of seqs missing between two seqs the device did send during the window. */
    private static List<SeqGap> seqGaps(String device, String location, List<Sample> samples) {
        TreeMap<Long, Instant[]> bySeq = new TreeMap<>(); // seq -> {first time, last time}
        for (Sample s : samples) {
            if (s.seq() == Sample.NO_SEQ) {
                continue;
            }
            Instant[] t = bySeq.computeIfAbsent(s.seq(), k -> new Instant[] {s.time(), s.time()});
            if (s.time().isBefore(t[0])) {
                t[0] = s.time();
            }
            if (s.time().isAfter(t[1])) {
                t[1] = s.time();
            }
        }
        List<SeqGap> gaps = new ArrayList<>();
        Long previous = null;
        for (var e : bySeq.entrySet()) {
            long seq = e.getKey();
            if (previous != null && seq - previous > 1) {
                gaps.add(new SeqGap(device, location, previous + 1, seq - 1, bySeq.get(previous)[1], e.getValue()[0]));
            }
            previous = seq;
        }
        return gaps;
    }
}
