package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerContextTest {
    private static final String EPCIS = EpcisFixtures.CONTEXT;

    private static JsonObject event(String id, JsonObject terms, JsonObject body) {
        JsonObject e = new JsonObject().put("eventID", id);
        if (terms != null) {
            e.put("@context", new JsonArray().add(EPCIS).add(terms));
        }
        return e.mergeIn(body);
    }

    @Test
    void agreeingPrefixesAreDefinedOnceAtTheTop() {
        JsonObject ns = new JsonObject().put("ex", "https://ex.example.com/");
        AnswerContext a = AnswerContext.of(List.of(event("a", ns, new JsonObject().put("ex:a", 1)),
                event("b", ns, new JsonObject().put("ex:b", 2)), event("c", null, new JsonObject())));
        assertEquals(new JsonArray().add(EPCIS).add(ns), a.context());
        assertEquals(new JsonObject().put("eventID", "a").put("ex:a", 1), a.events().get(0));
        assertEquals(new JsonObject().put("eventID", "c"), a.events().get(2));
    }

    @Test
    void clashingPrefixesAreWrittenAsFullIrisInNamesAndValues() {
        AnswerContext a = AnswerContext.of(List.of(
                event("a", new JsonObject().put("ex", "https://one.example.com/").put("k", "https://k.example.com/"),
                        new JsonObject().put("ex:f", new JsonObject().put("ex:g", "ex:v")).put("list", new JsonArray().add("ex:w"))),
                event("b", new JsonObject().put("ex", "https://two.example.com/").put("k", "https://k.example.com/"),
                        new JsonObject().put("ex:f", "http://not.a.prefix/ex:f"))));
        assertEquals(new JsonArray().add(EPCIS).add(new JsonObject().put("k", "https://k.example.com/")), a.context());
        assertEquals(new JsonObject().put("eventID", "a")
                .put("https://one.example.com/f", new JsonObject().put("https://one.example.com/g", "https://one.example.com/v"))
                .put("list", new JsonArray().add("https://one.example.com/w")), a.events().get(0));
        assertEquals(new JsonObject().put("eventID", "b").put("https://two.example.com/f", "http://not.a.prefix/ex:f"),
                a.events().get(1));
    }

    @Test
    void aClashingTypedTermKeepsItsEventsOwnContext() {
        JsonObject typed = new JsonObject().put("ex", "https://one.example.com/")
                .put("ex:n", new JsonObject().put("@type", "xsd:integer"));
        JsonObject plain = new JsonObject().put("ex", "https://two.example.com/");
        AnswerContext a = AnswerContext.of(List.of(event("a", typed, new JsonObject().put("ex:n", "3")),
                event("b", plain, new JsonObject().put("ex:n", "4"))));
        assertEquals(new JsonArray().add(EPCIS), a.context());
        assertEquals(new JsonArray().add(EPCIS).add(typed), a.events().get(0).getJsonArray("@context"));
        assertEquals("3", a.events().get(0).getString("ex:n"));
        assertEquals("4", a.events().get(1).getString("https://two.example.com/n"));
    }
}
