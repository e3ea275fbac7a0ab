package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

class EnvelopeVerifierTest {
    private static final TestDevices DEVICES = new TestDevices();
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(DEVICES.lookup());

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void acceptsSignedReadings(SignatureAlgorithm alg) {
        byte[] raw = DEVICES.sign(alg, TestDevices.readings(alg, TestDevices.ONE_READING));
        VerifiedEnvelope envelope = assertInstanceOf(VerifiedEnvelope.class, verifier.verify(raw));

        assertSame(raw, envelope.raw());
        assertEquals(alg, envelope.alg());
        assertEquals(TestDevices.kid(alg), envelope.kid());
        assertEquals(TestDevices.device(alg), envelope.dev());
        assertEquals(42, envelope.seq());
        assertEquals(Instant.parse("2025-06-01T08:30:00Z"), envelope.ts());
        assertEquals(List.of(new Reading(Instant.parse("2025-06-01T08:29:00Z"), 4.5, 61.0, null, null, null)),
                envelope.readings().orElseThrow());
        assertTrue(envelope.event().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rereadingAStoredEnvelopeGivesWhatVerificationGave(SignatureAlgorithm alg) {
        byte[] raw = DEVICES.sign(alg, TestDevices.event(alg, TestDevices.OBJECT_EVENT));
        EnvelopeVerifier noKeys = new EnvelopeVerifier(kid -> {
            throw new AssertionError("a reread looks up no key");
        });
        assertEquals(verifier.verify(raw), noKeys.reread(raw, TestDevices.device(alg)));
        Rejection other = assertInstanceOf(Rejection.class, noKeys.reread(raw, "another-device"));
        assertEquals(RejectionReason.DEVICE_MISMATCH, other.reason());
        assertTrue(other.message().contains("another-device"), other.message());
        byte[] unsigned = java.util.Arrays.copyOf(raw, raw.length);
        unsigned[unsigned.length - 2] = (byte) (unsigned[unsigned.length - 2] == 'A' ? 'B' : 'A');
        assertInstanceOf(VerifiedEnvelope.class, noKeys.reread(unsigned, TestDevices.device(alg)),
                "the signature is not what a reread checks");
        assertInstanceOf(Rejection.class, verifier.verify(unsigned));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void acceptsSignedEvent(SignatureAlgorithm alg) {
        byte[] raw = DEVICES.sign(alg, TestDevices.event(alg, TestDevices.OBJECT_EVENT));
        VerifiedEnvelope envelope = assertInstanceOf(VerifiedEnvelope.class, verifier.verify(raw));

        EpcisEvent event = envelope.event().orElseThrow();
        assertEquals(EpcisEventType.ObjectEvent, event.type());
        assertEquals(Instant.parse("2025-06-01T00:30:00Z"), event.eventTime());
        assertEquals("+08:00", event.eventTimeZoneOffset());
        assertEquals("shipping", event.json().get("bizStep").asText());
        assertEquals(7, envelope.seq());
    }

    @Test
    void oversizedIsRefusedBeforeAnyParsing() {
        EnvelopeVerifier small = new EnvelopeVerifier(kid -> {
            throw new AssertionError("no lookup for an oversized envelope");
        }, EnvelopeLimits.defaults().withMaxEnvelopeBytes(100));
        assertReject(small.verify(new byte[101]), RejectionReason.OVERSIZED, "envelope is 101 bytes; the limit is 100");
        byte[] justFits = DEVICES.sign(SignatureAlgorithm.EdDSA, "{}");
        assertTrue(justFits.length <= 256 * 1024);
        assertReject(verifier.verify(new byte[256 * 1024 + 1]), RejectionReason.OVERSIZED, "envelope is 262145 bytes; the limit is 262144");
    }

    @Test
    void malformedJws() {
        assertReject(verifier.verify("not a jws".getBytes(US_ASCII)), RejectionReason.MALFORMED_JWS,
                "a JWS compact serialization has 3 parts (header.payload.signature); this has 1");
    }

    @Test
    void unknownDevice() {
        byte[] raw = new JwsSigner("kid-nobody", SigningKey.generate(SignatureAlgorithm.EdDSA))
                .sign(TestDevices.readings(SignatureAlgorithm.EdDSA, TestDevices.ONE_READING).getBytes(UTF_8));
        assertReject(verifier.verify(raw), RejectionReason.UNKNOWN_DEVICE, "no key is registered with kid \"kid-nobody\"");
    }

    @Test
    void revokedKey() {
        byte[] raw = new JwsSigner(TestDevices.REVOKED_KID, DEVICES.revokedKey)
                .sign("{\"dev\":\"dev-revoked\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":[]}".getBytes(UTF_8));
        assertReject(verifier.verify(raw), RejectionReason.REVOKED_KEY, "key \"kid-revoked\" of device \"dev-revoked\" is revoked");
    }

    @Test
    void signatureByAnotherKey() {
        byte[] raw = new JwsSigner(TestDevices.kid(SignatureAlgorithm.ES256), SigningKey.generate(SignatureAlgorithm.ES256))
                .sign(TestDevices.readings(SignatureAlgorithm.ES256, TestDevices.ONE_READING).getBytes(UTF_8));
        assertReject(verifier.verify(raw), RejectionReason.BAD_SIGNATURE, "signature does not verify with key \"kid-ES256\"");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void oneFlippedSignatureBitFails(SignatureAlgorithm alg) {
        byte[] raw = DEVICES.sign(alg, TestDevices.readings(alg, TestDevices.ONE_READING));
        String text = new String(raw, US_ASCII);
        int dot = text.lastIndexOf('.');
        byte[] signature = Base64Url.decode(text.substring(dot + 1));
        signature[17] ^= 0x10;
        byte[] tampered = (text.substring(0, dot + 1) + Base64Url.encode(signature)).getBytes(US_ASCII);
        assertEquals(RejectionReason.BAD_SIGNATURE, ((Rejection) verifier.verify(tampered)).reason());
    }

    /** Algorithm confusion: the header says ES256, the registered key is Ed25519. */
    @Test
    void headerAlgorithmMustMatchTheKey() {
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ES256);
        byte[] raw = new JwsSigner(TestDevices.kid(SignatureAlgorithm.EdDSA), other)
                .sign(TestDevices.readings(SignatureAlgorithm.EdDSA, TestDevices.ONE_READING).getBytes(UTF_8));
        assertReject(verifier.verify(raw), RejectionReason.BAD_SIGNATURE,
                "header alg ES256 does not match key \"kid-EdDSA\", which is EdDSA");
    }

    /** Garbage after a bad signature is never parsed: the verdict is the signature, not the JSON. */
    @Test
    void unauthenticatedPayloadIsNotParsed() {
        byte[] raw = new JwsSigner(TestDevices.kid(SignatureAlgorithm.EdDSA), SigningKey.generate(SignatureAlgorithm.EdDSA))
                .sign("{{{{ not json".getBytes(UTF_8));
        assertEquals(RejectionReason.BAD_SIGNATURE, ((Rejection) verifier.verify(raw)).reason());
    }

    @Test
    void malformedJson() {
        Rejection r = (Rejection) verifier.verify(DEVICES.sign(SignatureAlgorithm.EdDSA, "{\"dev\":\"dev-eddsa\",}"));
        assertEquals(RejectionReason.MALFORMED_JSON, r.reason());
        assertTrue(r.message().startsWith("payload is not valid JSON at byte 19: Unexpected character ('}'"), r.message());
        assertReject(verifier.verify(DEVICES.sign(SignatureAlgorithm.EdDSA, "")), RejectionReason.MALFORMED_JSON, "payload is empty");
    }

    @Test
    void schemaViolation() {
        String payload = TestDevices.readings(SignatureAlgorithm.EdDSA,
                "[{\"t\":\"2025-06-01T08:29:00Z\"},{\"t\":\"2025-06-01T08:29:10Z\"},{\"t\":\"2025-06-01T08:29:20Z\"},"
                        + "{\"t\":\"2025-06-01T08:29:30Z\",\"hum\":140}]");
        assertReject(verifier.verify(DEVICES.sign(SignatureAlgorithm.EdDSA, payload)), RejectionReason.SCHEMA_VIOLATION,
                "readings[3].hum: 140 is above the maximum 100");
    }

    @Test
    void deviceMismatch() {
        String payload = TestDevices.readings(SignatureAlgorithm.SM2SM3, TestDevices.ONE_READING);
        assertReject(verifier.verify(DEVICES.sign(SignatureAlgorithm.EdDSA, payload)), RejectionReason.DEVICE_MISMATCH,
                "payload dev \"dev-sm2sm3\" is not \"dev-eddsa\", the device of key \"kid-EdDSA\"");
    }

    /** A registry that cannot answer is no verdict on the envelope: ingest must not acknowledge it. */
    @Test
    void lookupFailurePropagates() {
        EnvelopeVerifier broken = new EnvelopeVerifier(kid -> {
            throw new IllegalStateException("registry down");
        });
        byte[] raw = DEVICES.sign(SignatureAlgorithm.EdDSA, TestDevices.readings(SignatureAlgorithm.EdDSA, TestDevices.ONE_READING));
        assertThrows(IllegalStateException.class, () -> broken.verify(raw));
    }

    @Test
    void looksUpEachKidOnce() {
        AtomicInteger calls = new AtomicInteger();
        KeyLookup counting = kid -> {
            calls.incrementAndGet();
            return DEVICES.lookup().find(kid);
        };
        new EnvelopeVerifier(counting).verify(DEVICES.sign(SignatureAlgorithm.EdDSA,
                TestDevices.readings(SignatureAlgorithm.EdDSA, TestDevices.ONE_READING)));
        assertEquals(1, calls.get());
    }

    @Test
    void replayIsForIngest() {
        // The verifier is stateless; REPLAY exists for the layer that knows which (dev, seq) are stored.
        assertEquals(Optional.of(RejectionReason.REPLAY), java.util.Arrays.stream(RejectionReason.values())
                .filter(r -> r.name().equals("REPLAY")).findFirst());
    }

    static void assertReject(VerificationResult result, RejectionReason reason, String message) {
        Rejection rejection = assertInstanceOf(Rejection.class, result, () -> "expected a rejection, got " + result);
        assertEquals(reason, rejection.reason(), rejection.message());
        assertEquals(message, rejection.message());
    }
}
