package org.prooftrail.core.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The example documents of the reference generator, with its published pre-hash strings and hash IDs. */
final class ReferenceExamples {
    static final String DIR = "/epcis/event-hash/reference/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document: its events, the prefixes of its @context, and the expected lines (null when not published). */
    record Document(String name, List<JsonNode> events, Map<String, String> prefixes, List<String> preHashes, List<String> hashes) {
    }

    private ReferenceExamples() {
    }

    static Document load(String name) throws IOException {
        JsonNode doc;
        try (InputStream in = ReferenceExamples.class.getResourceAsStream(DIR + name + ".jsonld")) {
            doc = JSON.readTree(in);
        }
        JsonNode body = doc.path("epcisBody");
        JsonNode list = body.has("eventList") ? body.get("eventList")
                : body.has("queryResults") ? body.path("queryResults").path("resultsBody").path("eventList")
                : JSON.createArrayNode().add(body.get("event"));
        List<JsonNode> events = new ArrayList<>();
        list.forEach(events::add);
        return new Document(name, events, EventHashId.prefixes(doc.get("@context")), lines(name + ".prehashes"), lines(name + ".hashes"));
    }

    private static List<String> lines(String file) throws IOException {
        try (InputStream in = ReferenceExamples.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(String::strip).toList();
        }
    }
}
