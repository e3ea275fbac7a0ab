package org.prooftrail.store.epcis;

/**
 * A captured document that cannot be stored as a whole; nothing of it was stored and the message
 * says why. {@link #duplicate()} when the reason is an eventID that is already stored.
 */
public final class CaptureRefused extends Exception {
    private final boolean duplicate;

    public CaptureRefused(String message, boolean duplicate) {
        super(message);
        this.duplicate = duplicate;
    }

    public boolean duplicate() {
        return duplicate;
    }
}
