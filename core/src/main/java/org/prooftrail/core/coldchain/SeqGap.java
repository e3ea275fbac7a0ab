package org.prooftrail.core.coldchain;

import java.time.Instant;

/**
 * Envelopes a device signed during a custody window that never arrived: seqs {@code fromSeq} to
 * {@code toSeq} are missing between the reading at {@code after} and the one at {@code before}.
 */
public record SeqGap(String device, String location, long fromSeq, long toSeq, Instant after, Instant before) {
    public long missing() {
        return toSeq - fromSeq + 1;
    }
}
