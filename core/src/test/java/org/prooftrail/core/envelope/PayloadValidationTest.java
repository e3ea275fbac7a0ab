package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.prooftrail.core.envelope.EnvelopeVerifierTest.assertReject;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prooftrail.core.crypto.SignatureAlgorithm;

/** The envelope payload rules of docs/envelope.md, through the public entry point. */
class PayloadValidationTest {
    private static final TestDevices DEVICES = new TestDevices();
    private static final SignatureAlgorithm ALG = SignatureAlgorithm.EdDSA;
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(DEVICES.lookup());

    private VerificationResult verify(String payload) {
        return verifier.verify(DEVICES.sign(ALG, payload));
    }

    private void assertViolation(String message, String payload) {
        assertReject(verify(payload), RejectionReason.SCHEMA_VIOLATION, message);
    }

    private void assertReadingViolation(String message, String reading) {
        assertViolation(message, TestDevices.readings(ALG, "[" + reading + "]"));
    }

    private static String envelope(String seq, String ts) {
        return "{\"dev\":\"dev-eddsa\",\"seq\":" + seq + ",\"ts\":" + ts + ",\"readings\":" + TestDevices.ONE_READING + "}";
    }

    @Test
    void envelopeMembers() {
        assertViolation("payload must be a JSON object, not an array", "[1]");
        assertViolation("dev: is required; seq: is required; ts: is required; payload: needs readings or event", "{}");
        assertViolation("dev: must be a string, not a number", "{\"dev\":7,\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":"
                + TestDevices.ONE_READING + "}");
        assertViolation("extra: unknown member (an envelope has dev, seq, ts and readings or event)",
                "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"extra\":1,\"readings\":"
                        + TestDevices.ONE_READING + "}");
        assertViolation("payload: has both readings and event, but an envelope carries exactly one",
                "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":" + TestDevices.ONE_READING
                        + ",\"event\":" + TestDevices.OBJECT_EVENT + "}");
    }

    @Test
    void sequenceNumbers() {
        assertEquals(0L, ((VerifiedEnvelope) verify(envelope("0", "\"2025-06-01T08:30:00Z\""))).seq());
        assertEquals(0L, ((VerifiedEnvelope) verify(envelope("-0", "\"2025-06-01T08:30:00Z\""))).seq());
        assertEquals(Long.MAX_VALUE, ((VerifiedEnvelope) verify(envelope("9223372036854775807", "\"2025-06-01T08:30:00Z\""))).seq());
    }

    /**
     * Every seq that is not an integer from 0 to 2^63-1 is refused with the same words and what came
     * instead. 1e999, which the parser reads as infinity, once failed the check itself ("could not be
     * checked: NumberFormatException", and a stack trace logged for every such envelope).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e999                | a number beyond the range of a double (-1.8E+308 to 1.8E+308)",
        "-1e999               | a number beyond the range of a double (-1.8E+308 to 1.8E+308)",
        "1E+400               | a number beyond the range of a double (-1.8E+308 to 1.8E+308)",
        "1.5                  | 1.5",
        "-0.5                 | -0.5",
        "4.9e-324             | 4.9E-324",
        "1e20                 | 1E+20 written with a fraction or exponent",
        "5.0                  | 5 written with a fraction or exponent",
        "1e3                  | 1000 written with a fraction or exponent",
        "-1                   | -1",
        "-9223372036854775808 | -9223372036854775808",
        "9223372036854775808  | 9223372036854775808",
        "-99999999999999999999 | -99999999999999999999",
        "'\"5\"'              | a string",
        "null                 | null",
        "true                 | a boolean",
        "[1]                  | an array",
    })
    void aSeqThatIsNotAnIntegerInRangeIsRefusedSayingSo(String seq, String sent) {
        assertViolation("seq: must be an integer from 0 to 2^63-1, not " + sent, envelope(seq, "\"2025-06-01T08:30:00Z\""));
    }

    /** The other numbers and times of a payload: each wrong value is refused naming its field and what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"temp\":1e999'           | readings[0].temp: is too large to be a number",
        "'\"temp\":-1e999'          | readings[0].temp: is too large to be a number",
        "'\"temp\":1e20'            | readings[0].temp: 1E+20 is above the maximum 1000",
        "'\"temp\":-9223372036854775809' | readings[0].temp: -9223372036854775809 is below the minimum -273.15",
        "'\"hum\":1e999'            | readings[0].hum: is too large to be a number",
        "'\"hum\":100.5'            | readings[0].hum: 100.5 is above the maximum 100",
        "'\"hum\":-1e-7'            | readings[0].hum: -1E-7 is below the minimum 0",
        "'\"lat\":1e999,\"lon\":0'  | readings[0].lat: is too large to be a number",
        "'\"lat\":-90.5,\"lon\":0'  | readings[0].lat: -90.5 is below the minimum -90",
        "'\"lat\":0,\"lon\":-1e999' | readings[0].lon: is too large to be a number",
        "'\"lat\":0,\"lon\":1e20'   | readings[0].lon: 1E+20 is above the maximum 180",
        "'\"x\":{\"shock_g\":1e999}' | readings[0].x.shock_g: is too large to be a number",
        "'\"x\":{\"shock_g\":-1E400}' | readings[0].x.shock_g: is too large to be a number",
        "'\"t\":1e999'              | readings[0].t: must be a string, not a number",
    })
    void aReadingNumberOrTimeThatIsWrongIsRefusedNamingItsField(String member, String message) {
        String reading = member.startsWith("\"t\"") ? "{" + member + "}" : "{\"t\":\"2025-06-01T08:29:00Z\"," + member + "}";
        assertReadingViolation(message, reading);
    }

    @Test
    void aTimeSentAsANumberIsRefusedNamingItsField() {
        assertViolation("ts: must be a string, not a number", envelope("1", "1e999"));
        assertViolation("ts: must be a string, not a number", envelope("1", "-1"));
    }

    @Test
    void anEventNumberThatIsTooLargeIsRefusedNamingItsField() {
        String quantity = TestDevices.OBJECT_EVENT.replace("\"action\":\"OBSERVE\",", "\"action\":\"OBSERVE\",\"quantityList\":"
                + "[{\"epcClass\":\"https://id.gs1.org/01/09521234543213/10/L1\",\"quantity\":1e999}],");
        assertViolation("event.quantityList[0].quantity: is too large to be a number",
                "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"event\":" + quantity + "}");
        String sensor = TestDevices.OBJECT_EVENT.replace("\"action\":\"OBSERVE\",", "\"action\":\"OBSERVE\",\"sensorElementList\":"
                + "[{\"sensorReport\":[{\"type\":\"gs1:Temperature\",\"value\":-1e999}]}],");
        assertViolation("event.sensorElementList[0].sensorReport[0].value: is too large to be a number",
                "{\"dev\":\"dev-eddsa\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"event\":" + sensor + "}");
        assertViolation("seq: must be an integer from 0 to 2^63-1, not a number beyond the range of a double (-1.8E+308 to 1.8E+308)",
                "{\"dev\":\"dev-eddsa\",\"seq\":1e999,\"ts\":\"2025-06-01T08:30:00Z\",\"event\":" + TestDevices.OBJECT_EVENT + "}");
    }

    @Test
    void timestamps() {
        assertEquals(Instant.parse("2025-06-01T00:30:00.250Z"),
                ((VerifiedEnvelope) verify(envelope("1", "\"2025-06-01T08:30:00.25+08:00\""))).ts());
        String expected = " is not an RFC 3339 date-time with offset, like 2025-06-01T08:30:00Z or 2025-06-01T16:30:00.250+08:00";
        assertViolation("ts: \"2025-06-01T08:30:00\"" + expected, envelope("1", "\"2025-06-01T08:30:00\""));
        assertViolation("ts: \"2025-06-01T08:30Z\"" + expected, envelope("1", "\"2025-06-01T08:30Z\""));
        assertViolation("ts: \"2025-02-30T08:30:00Z\"" + expected, envelope("1", "\"2025-02-30T08:30:00Z\""));
        assertViolation("ts: \"1717230600\"" + expected, envelope("1", "\"1717230600\""));
        assertViolation("ts: must be a string, not a number", envelope("1", "1717230600"));
    }

    @Test
    void fullReading() {
        VerifiedEnvelope envelope = (VerifiedEnvelope) verify(TestDevices.readings(ALG,
                "[{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":-18.5,\"hum\":0,\"lat\":31.2304,\"lon\":121.4737,"
                        + "\"x\":{\"door\":\"open\",\"shock_g\":1.5,\"door_alarm\":true,\"battery.v\":3}}]"));
        Reading reading = envelope.readings().orElseThrow().get(0);
        assertEquals(-18.5, reading.temp());
        assertEquals(0.0, reading.hum());
        assertEquals(31.2304, reading.lat());
        assertEquals(121.4737, reading.lon());
        assertEquals(Map.of("door", "open", "shock_g", 1.5, "door_alarm", true, "battery.v", 3.0), reading.x());
    }

    @Test
    void readingMistakes() {
        assertReadingViolation("readings[0].t: is required", "{\"temp\":4}");
        assertReadingViolation("readings[0].tmp: unknown member (a reading has t, temp, hum, lat, lon and x, and other metrics go in x)",
                "{\"t\":\"2025-06-01T08:29:00Z\",\"tmp\":4}");
        assertReadingViolation("readings[0].temp: -300 is below the minimum -273.15", "{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":-300}");
        assertReadingViolation("readings[0].temp: must be a number, not null", "{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":null}");
        assertReadingViolation("readings[0].temp: must be a number, not a string", "{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":\"4\"}");
        assertReadingViolation("readings[0].hum: -0.5 is below the minimum 0", "{\"t\":\"2025-06-01T08:29:00Z\",\"hum\":-0.5}");
        assertReadingViolation("readings[0].lat: 91 is above the maximum 90", "{\"t\":\"2025-06-01T08:29:00Z\",\"lat\":91,\"lon\":0}");
        assertReadingViolation("readings[0].lon: -180.5 is below the minimum -180", "{\"t\":\"2025-06-01T08:29:00Z\",\"lat\":0,\"lon\":-180.5}");
        assertReadingViolation("readings[0]: lat and lon come together, but lon is missing", "{\"t\":\"2025-06-01T08:29:00Z\",\"lat\":0}");
        assertReadingViolation("readings[0].x: must be an object of named metrics, not an array", "{\"t\":\"2025-06-01T08:29:00Z\",\"x\":[]}");
        assertReadingViolation("readings[0].x.door: must be a number, string or boolean, not an object",
                "{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"door\":{}}}");
        assertReadingViolation("readings[0].x: metric name \"9lives\" must be 1 to 64 letters, digits, '_', '.' or '-', "
                + "starting with a letter or '_'", "{\"t\":\"2025-06-01T08:29:00Z\",\"x\":{\"9lives\":1}}");
        assertReadingViolation("readings[0]: must be an object, not a number", "4.5");
        assertViolation("readings: must hold at least one reading", TestDevices.readings(ALG, "[]"));
        assertViolation("readings: must be an array of readings, not an object", TestDevices.readings(ALG, "{}"));
    }

    @Test
    void severalMistakesAreReportedTogetherUpToTen() {
        StringBuilder readings = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            readings.append(i == 0 ? "" : ",").append("{\"t\":\"2025-06-01T08:29:00Z\",\"hum\":").append(101 + i).append('}');
        }
        Rejection r = (Rejection) verify(TestDevices.readings(ALG, readings.append(']').toString()));
        assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
        assertEquals(true, r.message().startsWith("readings[0].hum: 101 is above the maximum 100; readings[1].hum: 102 is above"));
        assertEquals(true, r.message().endsWith("readings[9].hum: 110 is above the maximum 100; and 2 more"), r.message());
    }

    @Test
    void readingCountIsLimited() {
        EnvelopeVerifier limited = new EnvelopeVerifier(DEVICES.lookup(), new EnvelopeLimits(256 * 1024, 3, 32));
        String four = "[" + String.join(",", java.util.Collections.nCopies(4, "{\"t\":\"2025-06-01T08:29:00Z\"}")) + "]";
        assertReject(limited.verify(DEVICES.sign(ALG, TestDevices.readings(ALG, four))), RejectionReason.SCHEMA_VIOLATION,
                "readings: holds 4 readings, more than the 3 accepted per envelope");
    }

    @Test
    void thousandsOfCompactReadingsFitTheDefaultSize() {
        String reading = "{\"t\":\"2025-06-01T08:29:00Z\",\"temp\":4}";
        String readings = "[" + String.join(",", java.util.Collections.nCopies(5_000, reading)) + "]";
        VerifiedEnvelope envelope = assertInstanceOf(VerifiedEnvelope.class, verify(TestDevices.readings(ALG, readings)));
        assertEquals(5_000, envelope.readings().orElseThrow().size());
    }
}
