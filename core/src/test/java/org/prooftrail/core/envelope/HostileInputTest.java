package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.core.envelope.EnvelopeVerifierTest.assertReject;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;

/**
 * Input built to hurt: every case must end in a clean {@link Rejection}, with nothing thrown. Signed
 * with a registered key where the point is what happens after authentication (a compromised device).
 */
class HostileInputTest {
    private static final TestDevices DEVICES = new TestDevices();
    private static final SignatureAlgorithm ALG = SignatureAlgorithm.EdDSA;
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(DEVICES.lookup());

    private VerificationResult signed(byte[] payload) {
        return verifier.verify(DEVICES.sign(ALG, payload));
    }

    private VerificationResult signed(String payload) {
        return signed(payload.getBytes(UTF_8));
    }

    @Test
    void deepNestingStopsInTheParser() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        Rejection r = assertInstanceOf(Rejection.class, verifier.verify(DEVICES.sign(ALG, "{\"x\":" + deep + "}")));
        assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
        assertEquals("payload exceeds a limit: Document nesting depth (33) exceeds the maximum allowed (32)", r.message());

        // Depth 32 is allowed by the parser and then refused by the schema, not by a stack overflow.
        String ok = "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"a\":"
                + "[".repeat(28) + "]".repeat(28) + "}}]}";
        assertReject(signed(ok), RejectionReason.SCHEMA_VIOLATION, "readings[0].x.a: must be a number, string or boolean, not an array");
    }

    @Test
    void hugeNumbers() {
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":1e999999999}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].temp: is too large to be a number");
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":-1e400}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].temp: is too large to be a number");
        Rejection r = (Rejection) signed("{\"seq\":" + "9".repeat(5000) + "}");
        assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
        assertTrue(r.message().startsWith("payload exceeds a limit: Number value length"), r.message());
        // Underflow is harmless: the value is simply 0.
        VerifiedEnvelope tiny = (VerifiedEnvelope) signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"hum\":1e-999999}]"));
        assertEquals(0.0, tiny.readings().orElseThrow().get(0).hum());
        assertReject(signed("{\"dev\":\"dev-eddsa\",\"seq\":1e2}"), RejectionReason.SCHEMA_VIOLATION,
                "seq: must be an integer from 0 to 2^63-1, not 100 written with a fraction or exponent; ts: is required; "
                        + "payload: needs readings or event");
    }

    @Test
    void invalidUtf8() {
        byte[] payload = "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":[]}".getBytes(UTF_8);
        payload[9] = (byte) 0xff;
        assertReject(signed(payload), RejectionReason.MALFORMED_JSON, "payload is not valid UTF-8 at byte 9");

        // Jackson alone would read C0 AF as '/': a second spelling of the same text.
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        assertReject(signed(overlong), RejectionReason.MALFORMED_JSON, "payload is not valid UTF-8 at byte 6");
        byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'};
        assertReject(signed(surrogate), RejectionReason.MALFORMED_JSON, "payload is not valid UTF-8 at byte 6");
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xe4, (byte) 0xb8};
        assertReject(signed(truncated), RejectionReason.MALFORMED_JSON, "payload is not valid UTF-8 at byte 6");
    }

    @Test
    void unstorableStrings() {
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"note\":\"a\\ud800b\"}}]")),
                RejectionReason.MALFORMED_JSON, "readings[0].x.note: contains an unpaired surrogate, so it is not Unicode text");
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"note\":\"a\\u0000b\"}}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].x.note: contains U+0000, which cannot be stored");
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"a\\u0000\":1}}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].x: a member name contains U+0000, which cannot be stored");
        VerifiedEnvelope ok = (VerifiedEnvelope) signed(TestDevices.readings(ALG,
                "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"note\":\"冷链 \\ud83d\\ude9a ok\"}}]"));
        assertEquals("冷链 \uD83D\uDE9A ok", ok.readings().orElseThrow().get(0).x().get("note"));
    }

    /** Member names are device input too: a path never carries a raw control character into a log. */
    @Test
    void memberNamesInMessagesAreEscaped() {
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"a\\nb\":1}]")),
                RejectionReason.SCHEMA_VIOLATION,
                "readings[0][\"a\\u000ab\"]: unknown member (a reading has t, temp, hum, lat, lon and x, and other metrics go in x)");
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"battery.v\":\"\\u0000\"}}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].x[\"battery.v\"]: contains U+0000, which cannot be stored");
        Rejection r = (Rejection) signed("{\"\\u001b[31m\":1}");
        assertTrue(r.message().startsWith("[\"\\u001b[31m\"]: unknown member"), r.message());
    }

    @Test
    void ambiguousJson() {
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed(
                "{\"dev\":\"dev-eddsa\",\"dev\":\"dev-es256\",\"seq\":1}")).reason(), "duplicate member");
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed(
                TestDevices.readings(ALG, TestDevices.ONE_READING) + "{}")).reason(), "trailing document");
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed("{'dev':'dev-eddsa'}")).reason(), "single quotes");
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed("{\"temp\":NaN}")).reason(), "NaN");
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed("{\"seq\":01}")).reason(), "leading zero");
        assertEquals(RejectionReason.MALFORMED_JSON, ((Rejection) signed("{/*c*/}")).reason(), "comment");
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(20251124);
        for (int i = 0; i < 3_000; i++) {
            byte[] garbage = new byte[random.nextInt(400)];
            random.nextBytes(garbage);
            if (i % 3 == 0) {
                // Mostly valid characters with dots in place, to get past the first checks.
                for (int j = 0; j < garbage.length; j++) {
                    garbage[j] = (byte) "ABCDEFabcdef0123456789-_.=+/ \n".charAt(Math.floorMod(garbage[j], 30));
                }
            }
            assertInstanceOf(Rejection.class, verifier.verify(garbage));
        }
        for (String text : new String[] {"..", "...", "a.b.c", "eyJ9.e30.", ".e30.AA", "eyJhbGciOiJFZERTQSJ9..", "e30.e30.e30"}) {
            assertEquals(RejectionReason.MALFORMED_JWS, ((Rejection) verifier.verify(text.getBytes(US_ASCII))).reason(), text);
        }
    }

    /** Every single-character change of a valid envelope is refused, wherever it falls. */
    @Test
    void everyCharacterChangeIsRefused() {
        byte[] valid = DEVICES.sign(ALG, TestDevices.readings(ALG, TestDevices.ONE_READING));
        assertInstanceOf(VerifiedEnvelope.class, verifier.verify(valid));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random random = new Random(7);
        for (int i = 0; i < valid.length; i++) {
            byte[] changed = valid.clone();
            do {
                changed[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            } while (changed[i] == valid[i]);
            Rejection r = assertInstanceOf(Rejection.class, verifier.verify(changed), "changed offset " + i);
            assertTrue(r.reason() == RejectionReason.BAD_SIGNATURE || r.reason() == RejectionReason.MALFORMED_JWS
                    || r.reason() == RejectionReason.UNKNOWN_DEVICE, r.toString());
        }
    }

    @Test
    void signatureOfRandomBytesOrWrongEncoding() {
        byte[] valid = DEVICES.sign(ALG, TestDevices.readings(ALG, TestDevices.ONE_READING));
        String text = new String(valid, US_ASCII);
        String prefix = text.substring(0, text.lastIndexOf('.') + 1);
        // A DER-encoded ECDSA signature is 70-72 bytes: refused as malformed, never mistaken for R || S.
        assertReject(verifier.verify((prefix + Base64Url.encode(new byte[71])).getBytes(US_ASCII)), RejectionReason.MALFORMED_JWS,
                "signature is 71 bytes; EdDSA signatures are 64");
        assertEquals(RejectionReason.BAD_SIGNATURE,
                ((Rejection) verifier.verify((prefix + Base64Url.encode(new byte[64])).getBytes(US_ASCII))).reason());
    }

    @Test
    void timesBeforeTheYear2000AreRefusedWithTheirPlace() {
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"0001-01-01T00:00:00Z\",\"temp\":4.5}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[0].t: \"0001-01-01T00:00:00Z\" is before 2000-01-01T00:00:00Z; the device's clock is not set");
        assertReject(signed(TestDevices.readings(ALG, "[{\"t\":\"2025-06-01T08:29:00Z\"},{\"t\":\"1999-12-31T23:59:59+00:00\"}]")),
                RejectionReason.SCHEMA_VIOLATION, "readings[1].t: \"1999-12-31T23:59:59+00:00\" is before 2000-01-01T00:00:00Z; the device's clock is not set");
        assertReject(signed("{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"1970-01-01T00:00:00Z\",\"readings\":" + TestDevices.ONE_READING + "}"),
                RejectionReason.SCHEMA_VIOLATION, "ts: \"1970-01-01T00:00:00Z\" is before 2000-01-01T00:00:00Z; the device's clock is not set");
        // the first instant of 2000 is accepted; year 9999 is for ingest, which knows the time (CLOCK_SKEW)
        assertInstanceOf(VerifiedEnvelope.class, signed(TestDevices.readings(ALG, "[{\"t\":\"2000-01-01T00:00:00Z\"}]")));
    }

    @Test
    void aSignedHeaderWithCriticalExtensionsIsRefused() {
        // RFC 7515 4.1.11: extensions listed in crit that the recipient does not understand make the JWS invalid.
        String header = Base64Url.encode("{\"alg\":\"EdDSA\",\"kid\":\"kid-EdDSA\",\"crit\":[\"x-pt\"],\"x-pt\":true}".getBytes(UTF_8));
        String input = header + "." + Base64Url.encode(TestDevices.readings(ALG, TestDevices.ONE_READING).getBytes(UTF_8));
        byte[] jws = (input + "." + Base64Url.encode(DEVICES.keys.get(ALG).sign(input.getBytes(US_ASCII)))).getBytes(US_ASCII);
        assertReject(verifier.verify(jws), RejectionReason.MALFORMED_JWS,
                "protected header lists critical extensions \"[\\\"x-pt\\\"]\"; none is supported");
    }
}
