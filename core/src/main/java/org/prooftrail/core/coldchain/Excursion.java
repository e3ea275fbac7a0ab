package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of readings outside the allowed band. It starts at the first reading outside and ends
 * at the first reading back inside (or at the last reading when the series ends outside, then
 * {@code ongoing}); {@code peakC} is the reading farthest outside the band.
 */
public record Excursion(String device, String location, Instant start, Instant end, double peakC, boolean above,
                        boolean ongoing) {
    public Duration duration() {
        return Duration.between(start, end);
    }
}
