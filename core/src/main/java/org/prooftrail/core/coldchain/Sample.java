package org.prooftrail.core.coldchain;

import java.time.Instant;

/**
 * One temperature reading of one device.
 *
 * @param seq the seq of the signed envelope that carried it, or {@link #NO_SEQ} when unknown; a
 *            device's seqs are consecutive, so a missing one inside a window is lost data
 */
public record Sample(Instant time, double temperatureC, long seq) {
    public static final long NO_SEQ = -1;

    /** A reading whose envelope is not known (tests, imported series). */
    public Sample(Instant time, double temperatureC) {
        this(time, temperatureC, NO_SEQ);
    }
}
