package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpcisDocumentsTest {
    private static final String EVENT = "{\"type\":\"ObjectEvent\",\"eventTime\":\"2025-06-01T01:00:00Z\","
            + "\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"OBSERVE\",\"epcList\":[\"urn:epc:id:sgtin:4012345.011111.1\"],"
            + "\"bizStep\":\"%s\"}";

    private static String doc(String... events) {
        return "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],\"type\":\"EPCISDocument\","
                + "\"schemaVersion\":\"2.0\",\"creationDate\":\"2025-06-01T06:00:00Z\",\"epcisBody\":{\"eventList\":["
                + String.join(",", events) + "]}}";
    }

    private static EpcisDocuments.Verdict check(String json, int max) {
        return EpcisDocuments.check(json.getBytes(StandardCharsets.UTF_8), max);
    }

    private static String invalid(String json) {
        return assertInstanceOf(EpcisDocuments.Invalid.class, check(json, 100)).detail();
    }

    @Test
    void validDocumentGivesItsEventsInOrder() {
        var valid = assertInstanceOf(EpcisDocuments.Valid.class,
                check(doc(EVENT.formatted("shipping"), EVENT.formatted("receiving")), 100));
        assertEquals(2, valid.events().size());
        assertEquals("receiving", valid.events().get(1).json().get("bizStep").asText());
    }

    @Test
    void eachEventIsJudgedAloneWhenAsked() {
        var sorted = assertInstanceOf(EpcisDocuments.Sorted.class, EpcisDocuments.checkEach(doc(EVENT.formatted("shipping"),
                EVENT.formatted("no such step"), EVENT.formatted("receiving")).getBytes(StandardCharsets.UTF_8), 100));
        assertEquals(java.util.List.of(0, 2), sorted.accepted().stream().map(EpcisDocuments.Placed::index).toList());
        assertEquals(1, sorted.refused().size());
        assertEquals(1, sorted.refused().get(0).index());
        assertTrue(sorted.refused().get(0).detail().startsWith("epcisBody.eventList[1].bizStep: "), sorted.refused().get(0).detail());
        // a bad document is still refused whole
        assertInstanceOf(EpcisDocuments.Invalid.class, EpcisDocuments.checkEach("{\"type\":\"EPCISDocument\"}"
                .getBytes(StandardCharsets.UTF_8), 100));
    }

    @Test
    void firstBadFieldIsNamedByItsPath() {
        String detail = invalid(doc(EVENT.formatted("shipping"), EVENT.formatted("shipping"), EVENT.formatted("no such step"),
                EVENT.formatted("also bad")));
        assertTrue(detail.startsWith("epcisBody.eventList[2].bizStep: "), detail);
        assertTrue(invalid(doc().replace("\"schemaVersion\":\"2.0\",", "")).startsWith("schemaVersion: "));
        assertTrue(invalid(doc().replace("EPCISDocument", "EPCISQueryDocument")).startsWith("type: "));
        assertTrue(invalid(doc().replace("\"creationDate\":\"2025-06-01T06:00:00Z\"", "\"creationDate\":\"yesterday\""))
                .startsWith("creationDate: "));
        assertTrue(invalid(doc().replace("{\"@context\"", "{\"extra\":1,\"@context\"")).startsWith("extra: "));
    }

    @Test
    void eachEventMustFitAnEnvelope() {
        StringBuilder epcs = new StringBuilder();
        for (int i = 0; i < 8000; i++) {
            epcs.append(i == 0 ? "" : ",").append("\"urn:epc:id:sgtin:4012345.011111.").append(i).append('"');
        }
        String huge = EVENT.formatted("shipping").replace("[\"urn:epc:id:sgtin:4012345.011111.1\"]", "[" + epcs + "]");
        String detail = invalid(doc(EVENT.formatted("shipping"), huge));
        assertTrue(detail.startsWith("epcisBody.eventList[1]: the event is "), detail);
    }

    @Test
    void tooManyEventsIsReportedBeforeCheckingThem() {
        var many = assertInstanceOf(EpcisDocuments.TooManyEvents.class,
                check(doc(EVENT.formatted("bad"), EVENT.formatted("bad"), EVENT.formatted("bad")), 2));
        assertEquals(3, many.count());
    }

    @Test
    void hostileBytesAreRefusedWithoutThrowing() {
        assertTrue(invalid("[".repeat(10_000)).contains("depth"));
        assertTrue(assertInstanceOf(EpcisDocuments.Invalid.class,
                EpcisDocuments.check(new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}, 10)).detail().contains("UTF-8"));
        assertTrue(invalid("{\"a\":1,\"a\":2}").contains("not valid JSON"));
        assertTrue(invalid("{\"type\":\"\\u0000\"}").contains("U+0000"));
        assertTrue(invalid("").contains("empty"));
    }

    @Test
    void termsNormaliseQueryValues() {
        assertEquals(Optional.of("shipping"), EpcisTerms.bizStep("urn:epcglobal:cbv:bizstep:shipping"));
        assertEquals(Optional.of("shipping"), EpcisTerms.bizStep("https://ref.gs1.org/cbv/BizStep-shipping"));
        assertEquals(Optional.of("urn:example:step:x"), EpcisTerms.bizStep("urn:example:step:x"));
        assertEquals(Optional.empty(), EpcisTerms.bizStep("x' OR 1=1"));
        assertEquals(Optional.of("in_transit"), EpcisTerms.disposition("urn:epcglobal:cbv:disp:in_transit"));
        assertEquals(Optional.of("Temperature"), EpcisTerms.measurementType("gs1:Temperature"));
        assertEquals(Optional.empty(), EpcisTerms.measurementType("Warmth"));
    }
}
