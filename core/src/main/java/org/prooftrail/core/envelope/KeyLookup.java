package org.prooftrail.core.envelope;

import java.util.Optional;

/**
 * Finds the registered key for a JWS {@code kid}; empty when none is registered.
 *
 * <p>Called on the verification worker threads, so implementations must be thread-safe and should be
 * cached. An exception thrown here (the registry is unreachable, say) is not a verdict on the
 * envelope: it propagates out of {@link EnvelopeVerifier#verify} so that ingest leaves the message
 * unacknowledged and the broker redelivers it.
 */
@FunctionalInterface
public interface KeyLookup {
    Optional<DeviceKey> find(String kid);
}
