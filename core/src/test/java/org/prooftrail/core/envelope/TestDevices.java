package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/** One registered device per algorithm, plus a revoked one, and helpers to sign payloads as them. */
final class TestDevices {
    static final String REVOKED_KID = "kid-revoked";

    final Map<SignatureAlgorithm, SigningKey> keys = new EnumMap<>(SignatureAlgorithm.class);
    final Map<String, DeviceKey> registry = new HashMap<>();
    final SigningKey revokedKey = SigningKey.generate(SignatureAlgorithm.EdDSA);

    TestDevices() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SigningKey key = SigningKey.generate(alg);
            keys.put(alg, key);
            registry.put(kid(alg), DeviceKey.active(kid(alg), device(alg), key.verifyingKey()));
        }
        registry.put(REVOKED_KID, new DeviceKey(REVOKED_KID, "dev-revoked", revokedKey.verifyingKey(), true));
    }

    KeyLookup lookup() {
        return kid -> Optional.ofNullable(registry.get(kid));
    }

    static String kid(SignatureAlgorithm alg) {
        return "kid-" + alg.jwsName();
    }

    static String device(SignatureAlgorithm alg) {
        return "dev-" + alg.jwsName().toLowerCase();
    }

    byte[] sign(SignatureAlgorithm alg, String payload) {
        return sign(alg, payload.getBytes(UTF_8));
    }

    byte[] sign(SignatureAlgorithm alg, byte[] payload) {
        return new JwsSigner(kid(alg), keys.get(alg)).sign(payload);
    }

    /** A valid readings payload for {@code alg}'s device with the given readings JSON. */
    static String readings(SignatureAlgorithm alg, String readingsJson) {
        return "{\"dev\":\"" + device(alg) + "\",\"seq\":42,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":" + readingsJson + "}";
    }

    static final String ONE_READING = "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":4.5,\"hum\":61}]";

    /** A minimal valid ObjectEvent. */
    static final String OBJECT_EVENT = "{\"type\":\"ObjectEvent\",\"eventTime\":\"2025-06-01T08:30:00.000+08:00\","
            + "\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"OBSERVE\","
            + "\"epcList\":[\"https://id.gs1.org/01/09521234543213/21/A1\"],\"bizStep\":\"shipping\","
            + "\"disposition\":\"in_transit\",\"readPoint\":{\"id\":\"https://id.gs1.org/414/9521234000006\"}}";

    static String event(SignatureAlgorithm alg, String eventJson) {
        return "{\"dev\":\"" + device(alg) + "\",\"seq\":7,\"ts\":\"2025-06-01T08:30:01Z\",\"event\":" + eventJson + "}";
    }
}
