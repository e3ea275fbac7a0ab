package org.prooftrail.store.epcis;

/**
 * A captured document that cannot be stored as a whole; nothing of it was stored and the message
 * says why. {@link #duplicate()} when the reason is an eventID that is already stored.
 */
public final class CaptureRefused extends Exception {
    private final boolean duplicate;
    private final java.util.List<String> eventIds;

    public CaptureRefused(String message, boolean duplicate) {
        super(message);
        this.duplicate = duplicate;
        this.eventIds = java.util.List.of();
    }

    /** Refused because these eventIDs are already stored; each becomes an error of its own in the capture job. */
    public CaptureRefused(String message, java.util.List<String> duplicateEventIds) {
        super(message);
        this.duplicate = true;
        this.eventIds = java.util.List.copyOf(duplicateEventIds);
    }

    /** The eventIDs that were already stored (empty unless {@link #duplicate()}). */
    public java.util.List<String> eventIds() {
        return eventIds;
    }

    public boolean duplicate() {
        return duplicate;
    }
}
