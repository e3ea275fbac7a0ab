package org.prooftrail.core.coldchain;

import java.time.Duration;
import java.time.Instant;

/** A stretch of a custody window that no device's readings cover. */
public record Uncovered(String location, Instant from, Instant to) {
    public Duration duration() {
        return Duration.between(from, to);
    }
}
