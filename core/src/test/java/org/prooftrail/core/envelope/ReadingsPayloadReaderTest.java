package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The one-pass readings reader is a shortcut only: with it and without it, the verifier must give the
 * same verdict, reason and message, and the same envelope down to the order of each reading's metrics.
 */
class ReadingsPayloadReaderTest {
    private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private static final DeviceKey DEVICE = DeviceKey.active("kid-1", "dev-1", KEY.verifyingKey());
    private static final JwsSigner SIGNER = new JwsSigner("kid-1", KEY);
    /** Three readings at most and the shallowest nesting allowed, so that both limits are met at their edge. */
    private static final EnvelopeLimits TIGHT = new EnvelopeLimits(64 * 1024, 3, 4);

    private static final String HEAD = "{\"dev\":\"dev-1\",\"seq\":42,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":";
    private static final List<String> SEEDS = List.of(
            HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":4.5,\"hum\":61}]}",
            HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":4.5,\"hum\":55.0},{\"t\":\"2025-06-01T08:29:01Z\",\"temp\":-0.0,\"hum\":0}]}",
            "{\"readings\":[{\"x\":{\"door\":\"closed\",\"shock_g\":0.2,\"door_alarm\":false,\"n\":3,\"big\":1.5E+3},"
                    + "\"lon\":121.4737,\"lat\":31.2304,\"t\":\"2025-06-01T16:29:00.250+08:00\"}],"
                    + "\"ts\":\"2025-06-01t08:30:00z\",\"seq\":0,\"dev\":\"dev-1\"}",
            " {\n \"dev\" : \"dev-1\", \"seq\": 9223372036854775807, \"ts\": \"2000-01-01T00:00:00-00:00\", \"readings\": [\n"
                    + "  {\"t\": \"2000-01-01T00:00:00.123456789Z\", \"temp\": -273.15, \"hum\": 100, \"lat\": -90, \"lon\": 180,"
                    + " \"x\": {\"a\": true, \"b.c-d\": \"\\u00e9\\n\", \"_\": -1e-7, \"Z9\": 12345678901234}},\n"
                    + "  {\"t\": \"2025-06-01T08:29:00Z\", \"temp\": 1000, \"x\": {}}\n ]\n}\n");
    private static final String[] SNIPPETS = {
        ",\"temp\":5", ",\"hum\":101", ",\"x\":{}", ",\"lat\":1", ",\"lon\":2", "\"t\":\"2025-06-01T08:29:00Z\",",
        "null", "1e999", "-1e999", "12345678901234567890", "123456789012345678901234567890.5", "\"\\u0000\"", "\"\\ud800\"",
        "\"\\ud83d\\ude9a\"", ",\"dev\":\"dev-1\"", "{\"t\":\"2025-06-01T08:29:00Z\"},", "-0", "0.1e-5", "1.5E+2", "1e22", "1e23",
        "0.000000000000000000001", "9007199254740993", "123456789012345.6", "1234567890123456.7", ",\"_sd_alg\":\"sha-256\"",
        ",\"event\":{}", "\"dev-2\"", "\"1999-12-31T23:59:59Z\"", "\"2025-02-29T00:00:00Z\"", "{\"a\":{\"b\":1}}", "[1]",
        "\"é\"", ",\"x\":{\"a\":1,\"a\":2}", ",\"" + "m".repeat(64) + "\":1", ",\"" + "m".repeat(65) + "\":1", "\"" + "s".repeat(256) + "\"",
        "\"" + "s".repeat(257) + "\"", " ", "\t", "true", "false", "{}", "[]", ",", ":", "\"seq\":1,", "\"ts\":\"2025-06-01T08:30:00Z\","};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String CHARS = "{}[],:\"\\ 0123456789.-+eEtfnulrxa_Zz";

    private final EnvelopeVerifier onePass = new EnvelopeVerifier(kid -> Optional.of(DEVICE));
    private final EnvelopeVerifier treeOnly = new EnvelopeVerifier(kid -> Optional.of(DEVICE), EnvelopeLimits.defaults(), false);
    private final EnvelopeVerifier onePassTight = new EnvelopeVerifier(kid -> Optional.of(DEVICE), TIGHT, true);
    private final EnvelopeVerifier treeOnlyTight = new EnvelopeVerifier(kid -> Optional.of(DEVICE), TIGHT, false);

    @Test
    void theSeedsAreReadInOnePass() {
        for (String seed : SEEDS) {
            byte[] jws = SIGNER.sign(seed.getBytes(UTF_8));
            assertInstanceOf(VerifiedEnvelope.class, treeOnly.verify(jws), seed);
            assertNotNull(reader(EnvelopeLimits.defaults()).read(jws, parse(jws), "dev-1"), seed);
            assertSame(seed, jws);
        }
    }

    @Test
    void mutatedPayloadsGetTheSameVerdicts() {
        Random random = new Random(20261201);
        int accepted = 0;
        int readInOnePass = 0;
        for (int n = 0; n < 15_000; n++) {
            String payload = SEEDS.get(random.nextInt(SEEDS.size()));
            for (int m = random.nextInt(3) == 0 ? 2 : 1; m > 0; m--) {
                payload = mutate(payload, random);
            }
            // The signature is checked on a sample only: the payload rules do not depend on it
            byte[] jws = n % 50 == 0 ? SIGNER.sign(payload.getBytes(UTF_8)) : unsigned(payload);
            VerificationResult verdict = n % 50 == 0 ? assertSame(payload, jws) : assertSameRead(payload, jws);
            if (verdict instanceof VerifiedEnvelope) {
                accepted++;
                if (reader(EnvelopeLimits.defaults()).read(jws, parse(jws), "dev-1") != null) {
                    readInOnePass++;
                }
            }
        }
        assertTrue(accepted > 800, "too few mutations accepted to mean much: " + accepted);
        assertTrue(readInOnePass > accepted * 0.9, readInOnePass + " of " + accepted + " accepted payloads read in one pass");
    }

    @Test
    void payloadsThatAreNotPlainReadings() {
        List<String> payloads = new ArrayList<>(List.of("", " ", "{}", "[]", "null", "{\"dev\":\"dev-1\"}", "{" + HEAD.substring(1) + "[]}",
                HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\"},{\"t\":\"2025-06-01T08:29:00Z\"},{\"t\":\"2025-06-01T08:29:00Z\"},"
                        + "{\"t\":\"2025-06-01T08:29:00Z\"}]}",
                HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\"}]} {}",
                HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"a\":{\"b\":{}}}}]}",
                HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":5." + "0".repeat(120) + "}]}",
                "{\"dev\":\"dev-1\",\"seq\":7,\"ts\":\"2025-06-01T08:30:01Z\",\"event\":" + TestDevices.OBJECT_EVENT + "}",
                "{\"dev\":\"dev-1\",\"seq\":7,\"ts\":\"2025-06-01T08:30:01Z\",\"_sd_alg\":\"sha-256\",\"readings\":"
                        + TestDevices.ONE_READING + "}"));
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
            payloads.add(HEAD + "[{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{" + metrics + "}}]}");
        }
        for (String payload : payloads) {
            assertSame(payload, SIGNER.sign(payload.getBytes(UTF_8)));
        }
        // Jackson reads a payload that starts with a zero byte as UTF-16 or UTF-32; so must the shortcut
        byte[] utf16 = SEEDS.get(0).getBytes(StandardCharsets.UTF_16BE);
        assertSame("UTF-16BE", SIGNER.sign(utf16));
    }

    @Test
    void decimalLiteralsAreReadAsDoubleParseDoubleReadsThem() {
        Random random = new Random(5);
        int certain = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder literal = new StringBuilder(random.nextBoolean() ? "-" : "");
            if (random.nextInt(4) == 0) {
                literal.append('0');
            } else {
                literal.append(1 + random.nextInt(9));
                for (int i = random.nextInt(10); i > 0; i--) {
                    literal.append(random.nextInt(10));
                }
            }
            literal.append('.');
            for (int i = 1 + random.nextInt(12); i > 0; i--) {
                literal.append(random.nextInt(10));
            }
            if (random.nextInt(3) == 0) {
                literal.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                        .append(random.nextInt(40));
            }
            String text = literal.toString();
            double fast = DecimalLiterals.parse(("  " + text + " ").toCharArray(), 2, text.length());
            if (!Double.isNaN(fast)) {
                certain++;
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(fast), text);
            }
        }
        assertTrue(certain > 100_000, certain + " literals read without the JDK");
        for (String text : new String[] {"0.0", "-0.0", "-0e5", "4.5", "55.0", "0.1", "0.3", "1e22", "9.007199254740993e15", "123456789012345e-22"}) {
            double fast = DecimalLiterals.parse(text.toCharArray(), 0, text.length());
            assertTrue(Double.isNaN(fast) || Double.doubleToRawLongBits(fast) == Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        }
    }

    @Test
    void metricNamesAsTheRegexHadThem() {
        Pattern regex = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
        Random random = new Random(3);
        String chars = "aZ_9.-/ é\u0000Ab";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(10) == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            for (int i = 0; i < length; i++) {
                name.append(chars.charAt(random.nextInt(chars.length())));
            }
            assertEquals(regex.matcher(name).matches(), ReadingsValidator.isMetricName(name.toString()), name.toString());
        }
    }

    /** Both verifiers, as verify and as reread, under both limits: one verdict, and one envelope to the last detail. */
    private VerificationResult assertSame(String what, byte[] jws) {
        VerificationResult expected = treeOnly.verify(jws);
        assertIdentical(what, expected, onePass.verify(jws));
        assertSameRead(what, jws);
        return expected;
    }

    /** As {@link #assertSame} without the signature. */
    private VerificationResult assertSameRead(String what, byte[] jws) {
        VerificationResult expected = treeOnly.reread(jws, "dev-1");
        assertIdentical(what, expected, onePass.reread(jws, "dev-1"));
        assertIdentical(what, treeOnlyTight.reread(jws, "dev-1"), onePassTight.reread(jws, "dev-1"));
        return expected;
    }

    /** A JWS of the payload with a signature of zeros, which reread does not check. */
    private static byte[] unsigned(String payload) {
        return (Base64Url.encode("{\"alg\":\"EdDSA\",\"kid\":\"kid-1\"}".getBytes(UTF_8)) + "." + Base64Url.encode(payload.getBytes(UTF_8))
                + "." + Base64Url.encode(new byte[64])).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertIdentical(String what, VerificationResult expected, VerificationResult actual) {
        assertEquals(expected, actual, what);
        if (expected instanceof Rejection r) {
            // those words are for a bug of ours met by odd input; any payload a device can send has a precise reason
            assertFalse(r.message().startsWith("could not be"), () -> what + ": " + r.message());
        }
        if (expected instanceof VerifiedEnvelope e) {
            // Map equality ignores order, and the order of x is stored
            assertEquals(String.valueOf(e.body()), String.valueOf(((VerifiedEnvelope) actual).body()), what);
        }
    }

    private static String mutate(String payload, Random random) {
        int at = random.nextInt(payload.length() + 1);
        switch (random.nextInt(6)) {
            case 0:
                return at == payload.length() ? payload
                        : payload.substring(0, at) + CHARS.charAt(random.nextInt(CHARS.length())) + payload.substring(at + 1);
            case 1:
                return payload.substring(0, at) + payload.substring(Math.min(payload.length(), at + 1 + random.nextInt(3)));
            case 2:
                int from = random.nextInt(payload.length());
                int to = Math.min(payload.length(), from + 1 + random.nextInt(40));
                return payload.substring(0, at) + payload.substring(from, to) + payload.substring(at);
            case 3:
                return payload.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + payload.substring(at);
            default:
                // Another number where one was: most such payloads stay valid, and numbers have many spellings
                List<int[]> numbers = new ArrayList<>();
                Matcher m = NUMBER.matcher(payload);
                while (m.find()) {
                    numbers.add(new int[] {m.start(), m.end()});
                }
                int[] span = numbers.get(random.nextInt(numbers.size()));
                return payload.substring(0, span[0]) + number(random) + payload.substring(span[1]);
        }
    }

    /** A JSON number, usually short, in any of its spellings. */
    private static String number(Random random) {
        StringBuilder n = new StringBuilder(random.nextInt(4) == 0 ? "-" : "");
        n.append(random.nextInt(3) == 0 ? "0" : String.valueOf(1 + random.nextInt(9)));
        for (int i = random.nextInt(n.charAt(n.length() - 1) == '0' ? 1 : random.nextInt(8) == 0 ? 25 : 4); i > 0; i--) {
            n.append(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            n.append('.');
            for (int i = 1 + random.nextInt(random.nextInt(8) == 0 ? 20 : 4); i > 0; i--) {
                n.append(random.nextInt(10));
            }
        }
        if (random.nextInt(4) == 0) {
            n.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                    .append(random.nextInt(random.nextInt(6) == 0 ? 400 : 3));
        }
        return n.toString();
    }

    private static ReadingsPayloadReader reader(EnvelopeLimits limits) {
        return new ReadingsPayloadReader(StrictJson.factoryWithoutDuplicateCheck(limits.maxJsonDepth()), limits.maxReadings());
    }

    private static Jws parse(byte[] jws) {
        try {
            return Jws.parse(jws);
        } catch (MalformedJwsException e) {
            throw new AssertionError(e);
        }
    }
}
