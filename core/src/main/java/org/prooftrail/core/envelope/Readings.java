package org.prooftrail.core.envelope;

import java.util.List;

/** The sensor readings of one envelope, in the order the device sent them. */
public record Readings(List<Reading> readings) implements EnvelopeBody {
    public Readings {
        readings = List.copyOf(readings);
    }

    @Override
    public String describe() {
        return readings.size() + " readings";
    }
}
