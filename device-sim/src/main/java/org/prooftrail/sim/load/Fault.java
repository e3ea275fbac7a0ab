package org.prooftrail.sim.load;

import java.util.Locale;
import java.util.Optional;

/**
 * Kinds of bad input the simulator injects, each with the rejection ingest must store for it, so
 * that a run can check that every injected fault was caught and counted exactly once.
 */
public enum Fault {
    BAD_SIGNATURE("BAD_SIGNATURE"),
    REPLAY("REPLAY"),
    MALFORMED_JSON("MALFORMED_JSON"),
    OVERSIZED("OVERSIZED"),
    CLOCK_SKEW("CLOCK_SKEW");

    private final String expectedRejection;

    Fault(String expectedRejection) {
        this.expectedRejection = expectedRejection;
    }

    /** The {@code rejected_message.reason} ingest stores for this fault. */
    public String expectedRejection() {
        return expectedRejection;
    }

    /** The command-line name: {@code bad-signature}, {@code clock-skew}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Fault> fromCliName(String s) {
        for (Fault f : values()) {
            if (f.cliName().equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
