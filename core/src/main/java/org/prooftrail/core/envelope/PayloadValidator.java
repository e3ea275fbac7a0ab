package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks an authenticated payload: {@code dev}, {@code seq}, {@code ts} and exactly one of
 * {@code readings} or {@code event} (docs/envelope.md). The device check comes first because a key
 * signing for another device is a security event, not a formatting slip.
 */
final class PayloadValidator {
    static final Set<String> MEMBERS = Set.of("dev", "seq", "ts", "readings", "event");
    static final int MAX_DEVICE_ID_CHARS = 128;

    private PayloadValidator() {
    }

    /** @param deviceId the device the signing key speaks for */
    static VerificationResult validate(byte[] raw, Jws jws, String deviceId, JsonNode payload, int maxReadings) {
        if (!payload.isObject()) {
            return new Rejection(RejectionReason.SCHEMA_VIOLATION, "payload must be a JSON object, not " + JsonChecks.describe(payload));
        }
        JsonNode devNode = payload.get("dev");
        if (devNode != null && devNode.isTextual() && !devNode.textValue().equals(deviceId)) {
            return new Rejection(RejectionReason.DEVICE_MISMATCH, "payload dev " + Excerpt.quote(devNode.textValue())
                    + " is not " + Excerpt.quote(deviceId) + ", the device of key " + Excerpt.quote(jws.kid()));
        }
        Violations violations = new Violations();
        for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                violations.add(Excerpt.path("", name), "unknown member (an envelope has dev, seq, ts and readings or event)");
            }
        }
        String dev = required(payload, "dev", violations) == null ? null : JsonChecks.string(devNode, "dev", violations);
        if (dev != null && (dev.isEmpty() || dev.length() > MAX_DEVICE_ID_CHARS)) {
            violations.add("dev", "must be 1 to " + MAX_DEVICE_ID_CHARS + " characters");
        }
        JsonNode seqNode = required(payload, "seq", violations);
        long seq = seqNode == null ? -1 : sequence(seqNode, violations);
        JsonNode tsNode = required(payload, "ts", violations);
        Instant ts = tsNode == null ? null : JsonChecks.time(tsNode, "ts", violations);
        EnvelopeBody body = body(payload, maxReadings, violations);
        if (!violations.isEmpty()) {
            return new Rejection(RejectionReason.SCHEMA_VIOLATION, violations.summary());
        }
        return new VerifiedEnvelope(raw, jws.alg(), jws.kid(), dev, seq, ts, body);
    }

    private static EnvelopeBody body(JsonNode payload, int maxReadings, Violations violations) {
        JsonNode readings = payload.get("readings");
        JsonNode event = payload.get("event");
        if (readings != null && event != null) {
            violations.add("payload", "has both readings and event, but an envelope carries exactly one");
            return null;
        }
        if (readings != null) {
            List<Reading> list = ReadingsValidator.validate(readings, maxReadings, violations);
            return list == null ? null : new Readings(list);
        }
        if (event != null) {
            return EpcisEventValidator.validate(event, "event", violations);
        }
        violations.add("payload", "needs readings or event");
        return null;
    }

    /**
     * seq: an integer from 0 to Long.MAX_VALUE; 5.0 and 5e0 are refused, as they are not integers in JSON
     * terms. Every other value is refused with one message that says what is expected and what came.
     */
    private static long sequence(JsonNode seq, Violations violations) {
        if (seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() >= 0) {
            return seq.longValue();
        }
        violations.add("seq", "must be an integer from 0 to 2^63-1, not " + JsonChecks.sent(seq));
        return -1;
    }

    private static JsonNode required(JsonNode payload, String name, Violations violations) {
        JsonNode value = payload.get(name);
        if (value == null) {
            violations.add(name, "is required");
        }
        return value;
    }
}
