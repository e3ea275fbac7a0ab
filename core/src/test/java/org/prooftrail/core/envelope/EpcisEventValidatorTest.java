package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;

class EpcisEventValidatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void validEventsOfEveryType() throws Exception {
        java.util.Set<EpcisEventType> seen = java.util.EnumSet.noneOf(EpcisEventType.class);
        for (String json : EpcisSamples.VALID) {
            Violations violations = new Violations();
            EpcisEvent event = EpcisEventValidator.validate(MAPPER.readTree(json), "event", violations);
            assertTrue(violations.isEmpty(), () -> violations.summary() + " in " + json);
            assertNotNull(event);
            seen.add(event.type());
        }
        assertEquals(java.util.EnumSet.allOf(EpcisEventType.class), seen);
    }

    @Test
    void invalidEventsAreExplained() throws Exception {
        for (EpcisSamples.Invalid sample : EpcisSamples.INVALID) {
            Violations violations = new Violations();
            JsonNode node = MAPPER.readTree(sample.event());
            assertNull(EpcisEventValidator.validate(node, "event", violations), sample.event());
            assertEquals(sample.message(), violations.summary().split("; ")[0], sample.event());
        }
    }

    @Test
    void eventMustBeAnObject() {
        Violations violations = new Violations();
        assertNull(EpcisEventValidator.validate(MAPPER.getNodeFactory().arrayNode(), "event", violations));
        assertEquals("event: must be an EPCIS event object, not an array", violations.summary());
    }

    @Test
    void throughTheVerifier() {
        TestDevices devices = new TestDevices();
        EnvelopeVerifier verifier = new EnvelopeVerifier(devices.lookup());
        String bad = EpcisSamples.INVALID.get(0).event();
        Rejection r = assertInstanceOf(Rejection.class,
                verifier.verify(devices.sign(SignatureAlgorithm.SM2SM3, TestDevices.event(SignatureAlgorithm.SM2SM3, bad))));
        assertEquals(RejectionReason.SCHEMA_VIOLATION, r.reason());
        assertEquals("event.eventTimeZoneOffset: is required", r.message());
    }
}
