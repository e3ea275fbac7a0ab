package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpcisContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPCIS = EpcisContext.EPCIS_2_0;
    private static final String EVENT = "{\"type\":\"ObjectEvent\",\"eventTime\":\"2025-06-01T08:30:00Z\","
            + "\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"OBSERVE\",\"epcList\":[],\"ex:note\":\"x\"%s}";

    private static List<EpcisEvent> capture(String context, String eventContext) {
        String event = String.format(EVENT, eventContext == null ? "" : ",\"@context\":" + eventContext);
        String doc = "{\"@context\":" + context + ",\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
                + "\"creationDate\":\"2025-06-01T09:00:00Z\",\"epcisBody\":{\"eventList\":[" + event + "]}}";
        EpcisDocuments.Verdict v = EpcisDocuments.check(doc.getBytes(StandardCharsets.UTF_8), 10);
        return assertInstanceOf(EpcisDocuments.Valid.class, v, v.toString()).events();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void eventsOfADocumentWithExtensionNamespacesCarryThem() throws Exception {
        EpcisEvent e = capture("[\"" + EPCIS + "\",{\"ex\":\"https://ex.example.com/\"}]", null).get(0);
        assertEquals(json("[\"" + EPCIS + "\",{\"ex\":\"https://ex.example.com/\"}]"), e.json().get("@context"));
        assertEquals("@context", e.json().fieldNames().next(), "first, as JSON-LD documents put it");
        assertEquals("x", e.json().get("ex:note").textValue());
    }

    @Test
    void aPlainEpcisContextLeavesTheEventAsSent() throws Exception {
        EpcisEvent e = capture("\"" + EPCIS + "\"", null).get(0);
        assertEquals(null, e.json().get("@context"));
        EpcisEvent versionless = capture("[\"https://ref.gs1.org/standards/epcis/epcis-context.jsonld\"]", null).get(0);
        assertEquals(null, versionless.json().get("@context"));
    }

    @Test
    void theEventsOwnDefinitionsComeAfterAndWin() throws Exception {
        EpcisEvent e = capture("[\"" + EPCIS + "\",{\"ex\":\"https://doc.example.com/\",\"other\":\"https://o.example.com/\"}]",
                "[\"" + EPCIS + "\",\"https://ctx.example.com/more.jsonld\",{\"ex\":\"https://event.example.com/\"}]").get(0);
        assertEquals(json("[\"" + EPCIS + "\",\"https://ctx.example.com/more.jsonld\","
                + "{\"other\":\"https://o.example.com/\",\"ex\":\"https://event.example.com/\"}]"), e.json().get("@context"));
    }

    @Test
    void anUnchangedEventIsTheSameObject() {
        EpcisEvent e = capture("\"" + EPCIS + "\"", null).get(0);
        assertSame(e, EpcisContext.inherit(JSON.getNodeFactory().textNode(EPCIS), e));
    }
}
