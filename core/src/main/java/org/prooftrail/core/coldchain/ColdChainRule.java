package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A product's cold-chain rule, WHO-style: an allowed band, a limit on any single excursion and a
 * limit on their sum over the product's whole journey. A missing limit means no excursion is
 * tolerated; a missing bound means that side is open.
 *
 * @param minC        lowest allowed temperature, or null
 * @param maxC        highest allowed temperature, or null
 * @param maxSingle   longest tolerated single excursion, or null for none
 * @param maxTotal    longest tolerated sum of excursions, or null for none
 * @param maxGap      longest stretch of a custody window without a reading that still counts as
 *                    watched, or null for the default (three times the device's median reporting
 *                    interval, at least 15 minutes)
 */
public record ColdChainRule(Double minC, Double maxC, Duration maxSingle, Duration maxTotal, Duration maxGap) {
    public static final int WORST_LISTED = 5;

    public ColdChainRule {
        if (minC != null && maxC != null && minC > maxC) {
            throw new IllegalArgumentException("the band's minimum " + minC + " °C is above its maximum " + maxC + " °C");
        }
        if (maxSingle != null && maxSingle.isNegative() || maxTotal != null && maxTotal.isNegative()) {
            throw new IllegalArgumentException("excursion limits cannot be negative");
        }
        if (maxGap != null && (maxGap.isNegative() || maxGap.isZero())) {
            throw new IllegalArgumentException("the longest gap between readings must be positive");
        }
    }

    /** A rule with the default gap setting. */
    public ColdChainRule(Double minC, Double maxC, Duration maxSingle, Duration maxTotal) {
        this(minC, maxC, maxSingle, maxTotal, null);
    }

    /** True when the product has a band at all; without one there is nothing to judge. */
    public boolean hasBand() {
        return minC != null || maxC != null;
    }

    public boolean inBand(double c) {
        return (minC == null || c >= minC) && (maxC == null || c <= maxC);
    }

    /** Every excursion in one series, in time order. */
    public List<Excursion> excursions(Series s) {
        List<Excursion> found = new ArrayList<>();
        Sample first = null;
        Sample last = null;
        double peak = 0;
        boolean above = false;
        for (Sample x : s.samples()) {
            boolean out = !inBand(x.temperatureC());
            if (out && first == null) {
                first = x;
                above = maxC != null && x.temperatureC() > maxC;
                peak = x.temperatureC();
            } else if (out) {
                peak = above ? Math.max(peak, x.temperatureC()) : Math.min(peak, x.temperatureC());
            } else if (first != null) {
                found.add(new Excursion(s.device(), s.location(), first.time(), x.time(), peak, above, false));
                first = null;
            }
            last = x;
        }
        if (first != null) {
            found.add(new Excursion(s.device(), s.location(), first.time(), last.time(), peak, above, true));
        }
        return found;
    }

    /**
     * The verdict over everything a lot went through: excursions first (a broken limit fails whatever
     * else is missing), then coverage (holes or missing envelopes are never "held").
     *
     * @param windows the custody windows with the devices at each location
     * @param journey the readings, one series per window and device
     */
    public Verdict judge(List<Watch> windows, List<Series> journey) {
        int samples = journey.stream().mapToInt(s -> s.samples().size()).sum();
        if (!hasBand()) {
            return Verdict.noData(Verdict.Basis.NO_RULE, samples);
        }
        if (samples == 0) {
            return Verdict.noData(Verdict.Basis.NO_READINGS, 0);
        }
        Coverage coverage = Coverage.of(maxGap, windows, journey);
        List<Excursion> all = journey.stream().flatMap(s -> excursions(s).stream()).toList();
        Duration total = all.stream().map(Excursion::duration).reduce(Duration.ZERO, Duration::plus);
        Duration longest = all.stream().map(Excursion::duration).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        List<Excursion> worst = all.stream().sorted(Comparator.comparing(Excursion::duration).reversed()
                .thenComparing(Excursion::start)).limit(WORST_LISTED).toList();
        Duration single = maxSingle == null ? Duration.ZERO : maxSingle;
        Duration sum = maxTotal == null ? Duration.ZERO : maxTotal;
        Verdict.Status status = Verdict.Status.FAIL;
        Verdict.Basis basis;
        Duration limit;
        if (all.isEmpty()) {
            status = Verdict.Status.PASS;
            basis = Verdict.Basis.ALL_IN_BAND;
            limit = null;
        } else if (longest.compareTo(single) > 0 || maxSingle == null) {
            basis = Verdict.Basis.SINGLE_TOO_LONG;
            limit = single;
        } else if (total.compareTo(sum) > 0 || maxTotal == null) {
            basis = Verdict.Basis.TOTAL_TOO_LONG;
            limit = sum;
        } else {
            status = Verdict.Status.PASS;
            basis = Verdict.Basis.WITHIN_LIMITS;
            limit = sum;
        }
        if (status == Verdict.Status.PASS && !coverage.complete()) {
            status = Verdict.Status.INCOMPLETE_DATA;
            basis = coverage.uncovered().isEmpty() ? Verdict.Basis.SEQ_GAPS : Verdict.Basis.UNCOVERED;
        }
        return new Verdict(status, basis, worst, all.size(), longest, total, samples, limit, coverage);
    }
}
