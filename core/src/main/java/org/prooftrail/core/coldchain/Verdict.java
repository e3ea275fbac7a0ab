package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The cold-chain verdict of a lot or item under its product's rule, as facts (what it rests on,
 * counts, durations) that each reader phrases in its own language; {@link #reason()} is the
 * English sentence for the JSON API and logs.
 *
 * @param basis    why it passed, failed or could not be judged
 * @param worst    the longest excursions first (at most {@link ColdChainRule#WORST_LISTED})
 * @param longest  the longest single excursion (zero when none)
 * @param total    the sum of all excursions
 * @param samples  how many readings the verdict rests on
 * @param limit    the limit that was kept or broken: the single limit for {@link Basis#SINGLE_TOO_LONG},
 *                 the cumulative one for {@link Basis#TOTAL_TOO_LONG} and {@link Basis#WITHIN_LIMITS};
 *                 zero when no excursion is tolerated; null otherwise
 * @param coverage what the readings left unwatched and which envelopes are missing (empty for no-data);
 *                 reported with a fail too, and the reason for {@link Status#INCOMPLETE_DATA}
 */
public record Verdict(Status status, Basis basis, List<Excursion> worst, int excursionCount, Duration longest,
                      Duration total, int samples, Duration limit, Coverage coverage) {
    public enum Status {
        /** Watched throughout and within the rule: the only status a page may call "held". */
        PASS,
        FAIL,
        NO_DATA,
        /** No excursion breaks the rule, but the readings leave holes or envelopes are missing. */
        INCOMPLETE_DATA;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the verdict rests on. */
    public enum Basis {
        /** The product has no temperature band: nothing to judge (no-data). */
        NO_RULE,
        /** No reading covers the journey (no-data). */
        NO_READINGS,
        /** Every reading was within the band (pass). */
        ALL_IN_BAND,
        /** The longest excursion exceeds the single limit (fail). */
        SINGLE_TOO_LONG,
        /** The excursions together exceed the cumulative limit (fail). */
        TOTAL_TOO_LONG,
        /** Excursions, each and together within the limits (pass). */
        WITHIN_LIMITS,
        /** At least one stretch of a custody window has no reading close enough (incomplete-data). */
        UNCOVERED,
        /** Every stretch is covered, but a device's envelopes are missing in a window (incomplete-data). */
        SEQ_GAPS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Verdict {
        worst = List.copyOf(worst);
        coverage = coverage == null ? new Coverage(List.of(), List.of()) : coverage;
    }

    /** A verdict that rests on nothing: no rule or no readings. */
    static Verdict noData(Basis basis, int samples) {
        return new Verdict(Status.NO_DATA, basis, List.of(), 0, Duration.ZERO, Duration.ZERO, samples, null, null);
    }

    /** One English sentence: why it passed, failed or could not be judged. */
    public String reason() {
        return switch (basis) {
            case NO_RULE -> "the product has no temperature rule";
            case NO_READINGS -> "no temperature readings cover this journey";
            case ALL_IN_BAND -> "all " + samples + " readings were within the band";
            case SINGLE_TOO_LONG -> "an excursion lasted " + minutes(longest) + ", the limit for one is " + minutes(limit);
            case TOTAL_TOO_LONG -> excursionCount + " excursions add up to " + minutes(total) + ", the cumulative limit is "
                    + minutes(limit);
            case WITHIN_LIMITS -> excursionCount + " excursion(s) of " + minutes(total) + " in all, within the limits";
            case UNCOVERED -> uncoveredReason();
            case SEQ_GAPS -> missingReason();
        };
    }

    private String uncoveredReason() {
        List<Uncovered> spans = coverage.uncovered();
        Uncovered first = spans.get(0);
        String s = "no readings cover " + spans.size() + " stretch(es) of the custody windows, " + minutes(coverage.uncoveredTotal())
                + " in all; the first: " + minutes(first.duration()) + " from " + first.from() + " at " + first.location();
        return coverage.seqGaps().isEmpty() ? s : s + "; and " + missingReason();
    }

    private String missingReason() {
        long missing = coverage.seqGaps().stream().mapToLong(SeqGap::missing).sum();
        SeqGap first = coverage.seqGaps().get(0);
        return missing + " signed envelope(s) missing in " + coverage.seqGaps().size() + " gap(s); the first: device "
                + first.device() + " seq " + (first.fromSeq() == first.toSeq() ? first.fromSeq() + "" : first.fromSeq() + "-" + first.toSeq())
                + " between " + first.after() + " and " + first.before();
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : String.format(Locale.ROOT, "%.1f min", s / 60.0);
    }
}
