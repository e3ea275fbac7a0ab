package org.prooftrail.store.journey;

import java.time.Instant;

/** One stored event as a trace reports it (its indexed columns, not its whole document). */
public record NamedEvent(String eventId, String org, String type, String action, Instant time, String bizStep,
                         String disposition, String readPoint, String bizLocation) {

    /** Where the event happened: its business location, else its read point. */
    public String location() {
        return bizLocation != null ? bizLocation : readPoint;
    }
}
