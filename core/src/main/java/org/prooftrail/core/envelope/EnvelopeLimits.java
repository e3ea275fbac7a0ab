package org.prooftrail.core.envelope;

/**
 * Bounds on what one envelope may cost to check. Hostile input meets the size limit before anything
 * is parsed and the depth limit inside the JSON parser itself, so neither can exhaust memory or stack.
 *
 * @param maxEnvelopeBytes the whole JWS, as received; larger is OVERSIZED
 * @param maxReadings readings in one envelope
 * @param maxJsonDepth nesting of arrays and objects in the payload; the envelope object is depth 1
 */
public record EnvelopeLimits(int maxEnvelopeBytes, int maxReadings, int maxJsonDepth) {
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_READINGS = 10_000;
    /** Deep enough for EPCIS sensor reports (about 6 levels) and extensions, far from stack danger. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 32;

    public EnvelopeLimits {
        if (maxEnvelopeBytes < 1) {
            throw new IllegalArgumentException("maxEnvelopeBytes must be positive, not " + maxEnvelopeBytes);
        }
        if (maxReadings < 1) {
            throw new IllegalArgumentException("maxReadings must be positive, not " + maxReadings);
        }
        if (maxJsonDepth < 4 || maxJsonDepth > 1000) {
            throw new IllegalArgumentException("maxJsonDepth must be between 4 and 1000, not " + maxJsonDepth);
        }
    }

    public static EnvelopeLimits defaults() {
        return new EnvelopeLimits(DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_READINGS, DEFAULT_MAX_JSON_DEPTH);
    }

    public EnvelopeLimits withMaxEnvelopeBytes(int bytes) {
        return new EnvelopeLimits(bytes, maxReadings, maxJsonDepth);
    }
}
