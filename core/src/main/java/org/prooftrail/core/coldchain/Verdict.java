package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.util.List;

/**
 * The cold-chain verdict of a lot or item under its product's rule.
 *
 * @param worst    the longest excursions first (at most {@link ColdChainRule#WORST_LISTED})
 * @param longest  the longest single excursion (zero when none)
 * @param total    the sum of all excursions
 * @param samples  how many readings the verdict rests on
 * @param reason   one sentence a person can read: why it passed, failed or could not be judged
 */
public record Verdict(Status status, List<Excursion> worst, int excursionCount, Duration longest, Duration total,
                      int samples, String reason) {
    public enum Status {
        PASS, FAIL, NO_DATA;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
