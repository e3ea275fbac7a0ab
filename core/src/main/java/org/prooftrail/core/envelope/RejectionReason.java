package org.prooftrail.core.envelope;

/**
 * Why an envelope was not accepted. Stored with the rejected bytes and used as a metrics label, so
 * the set is closed and each value tells the device's owner what to fix.
 */
public enum RejectionReason {
    /** Larger than the configured limit; refused before any parsing. */
    OVERSIZED,
    /** Not a JWS compact serialization we accept: structure, base64url, protected header, alg. */
    MALFORMED_JWS,
    /** No key is registered under the header's {@code kid}. */
    UNKNOWN_DEVICE,
    /** The {@code kid} names a key that has been revoked. */
    REVOKED_KEY,
    /** The signature does not verify with the registered key (or the header names another algorithm). */
    BAD_SIGNATURE,
    /** The signed payload is not well-formed UTF-8 JSON. */
    MALFORMED_JSON,
    /** The signed payload is JSON but not a valid envelope: fields, ranges, limits, EPCIS rules. */
    SCHEMA_VIOLATION,
    /** The payload's {@code dev} is not the device the signing key belongs to. */
    DEVICE_MISMATCH,
    /** An SD-JWT whose issuer-signed JWT has no signature (empty signature part, {@code "alg": "none"}). */
    MISSING_SIGNATURE,
    /** An SD-JWT disclosure that is not base64url JSON {@code [salt, name, value]} or {@code [salt, value]}, or does not fit where its digest is. */
    MALFORMED_DISCLOSURE,
    /** An SD-JWT disclosure whose digest is nowhere in the signed payload: altered, or from another envelope. */
    DISCLOSURE_UNMATCHED,
    /** A digest found twice in an SD-JWT's signed payload (or a disclosure sent twice). */
    DUPLICATE_DIGEST,
    // The reasons below are not produced by EnvelopeVerifier, which is stateless and knows no topics
    // or storage; they are here so that every rejection, wherever decided, has one closed label set.

    /** Ingest: a (device, seq) already stored with other bytes. */
    REPLAY,
    /** Ingest: the MQTT topic is malformed or names another device, organisation or kind of body. */
    TOPIC_MISMATCH,
    /** Ingest: seq is further behind, or further ahead of, the device's highest stored seq than the replay window reaches. */
    SEQ_OUT_OF_WINDOW,
    /** Ingest: the envelope's time ({@code ts}) is further ahead of the receiving clock than allowed. */
    CLOCK_SKEW,
    /** Ingest: a valid envelope that the database refused to store. */
    STORE_FAILED
}
