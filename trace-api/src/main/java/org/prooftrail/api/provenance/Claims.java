package org.prooftrail.api.provenance;

import java.time.Instant;
import java.util.List;
import org.prooftrail.store.journey.UnconfirmedClaim;

/**
 * What organisations without the right to (docs/custody.md) wrote about a journey's goods: their events,
 * and the readings of their devices at places the goods were while in others' custody. Kept apart from the
 * journey so that no page or verdict can mix them in.
 */
public record Claims(List<UnconfirmedClaim> events, List<Readings> readings) {
    public static final Claims NONE = new Claims(List.of(), List.of());

    public Claims {
        events = List.copyOf(events);
        readings = List.copyOf(readings);
    }

    /** The readings of one device of {@code org} during a stay of the goods at {@code location}, set aside. */
    public record Readings(String device, String org, String location, Instant from, Instant to, int count) {
    }

    public boolean isEmpty() {
        return events.isEmpty() && readings.isEmpty();
    }
}
