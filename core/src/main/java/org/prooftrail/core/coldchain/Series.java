package org.prooftrail.core.coldchain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The readings of one device at one location during one custody window: the temperatures a lot
 * was exposed to while it sat there. Samples are kept in time order.
 */
public record Series(String device, String location, Instant from, Instant to, List<Sample> samples) {
    public Series {
        samples = samples.stream().sorted(Comparator.comparing(Sample::time)).toList();
    }
}
