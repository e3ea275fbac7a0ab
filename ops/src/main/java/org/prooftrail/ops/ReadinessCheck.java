package org.prooftrail.ops;

/**
 * One thing the process needs before it can serve: the database, the broker. Checks are blocking
 * and quick (they run on a worker thread with a timeout).
 */
public interface ReadinessCheck {
    String name();

    /** Null when healthy, otherwise a short reason shown in the readiness response. */
    String problem();
}
