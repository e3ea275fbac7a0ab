package org.prooftrail.core.coldchain;

import java.time.Instant;

/** One temperature reading of one device. */
public record Sample(Instant time, double temperatureC) {
}
