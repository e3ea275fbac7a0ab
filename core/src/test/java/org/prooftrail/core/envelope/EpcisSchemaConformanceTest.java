package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every sample event through GS1's official EPCIS 2.0 JSON schema (networknt validator) and
 * demands the same verdict as {@link EpcisEventValidator}. The schema is GS1's and is not copied into
 * the project; it is read from {@code shared/standards/epcis/} beside the checkout (present in CI) or
 * from {@code PT_EPCIS_SCHEMA}, and the test is skipped where neither exists.
 */
class EpcisSchemaConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        Optional<Path> file = locate();
        if (file.isPresent()) {
            JsonNode node = MAPPER.readTree(Files.readAllBytes(file.get()));
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
        }
    }

    /** Skips each test, visibly, where the schema is absent. */
    @org.junit.jupiter.api.BeforeEach
    void requireSchema() {
        Assumptions.assumeTrue(schema != null, "GS1 EPCIS-JSON-Schema.json not found beside the checkout");
    }

    private static Optional<Path> locate() {
        String configured = System.getenv("PT_EPCIS_SCHEMA");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/standards/epcis/EPCIS-JSON-Schema.json");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The schema requires @context of a standalone event; envelopes imply it, so add it for the comparison. */
    private static List<Error> officialVerdict(String json) throws Exception {
        JsonNode event = MAPPER.readTree(json);
        if (event instanceof ObjectNode object && !object.has("@context")) {
            object.put("@context", CONTEXT);
        }
        return schema.validate(event);
    }

    @Test
    void validSamplesAreValidForGs1() throws Exception {
        for (String json : EpcisSamples.VALID) {
            List<Error> errors = officialVerdict(json);
            assertTrue(errors.isEmpty(), () -> errors + " for " + json);
            Violations ours = new Violations();
            assertNotNull(EpcisEventValidator.validate(MAPPER.readTree(json), "event", ours), ours::summary);
        }
    }

    @Test
    void invalidSamplesAreInvalidForGs1() throws Exception {
        for (EpcisSamples.Invalid sample : EpcisSamples.INVALID) {
            assertTrue(!officialVerdict(sample.event()).isEmpty(), () -> "GS1's schema accepts " + sample.event()
                    + " but we say " + sample.message());
        }
    }

    /**
     * Differential check: every member at every depth of every valid sample, removed or replaced by a
     * value of each JSON type, must get the same valid/invalid verdict from both validators. The one
     * deliberate difference (extension event types, named by URI) is asserted as such.
     */
    @Test
    void mutatedSamplesGetTheSameVerdict() throws Exception {
        List<JsonNode> replacements = new java.util.ArrayList<>();
        for (String json : new String[] {"7", "-1.5", "\"x\"", "\"urn:x:1\"", "\"2025-06-01T08:30:00Z\"", "{}", "[]",
            "[\"urn:x:1\"]", "[7]", "null", "{\"id\":\"urn:x:1\"}", "true", "\"+08:00\"",
            "\"urn:epcglobal:cbv:bizstep:shipping\"", "\"https://gs1.org/voc/Temperature\"", "\"-14:30\"", "\"0aZZ\"",
            "{\"set\":[]}", "[{}]", "[\"urn:x:1\",\"urn:x:1\"]", "\"2025-06-01T08:30:00\"", "\"2025-06-01t08:30:00z\"",
            "[{\"epcClass\":\"urn:x:1\"}]", "\"a b\""}) {
            replacements.add(MAPPER.readTree(json));
        }
        List<String> disagreements = new java.util.ArrayList<>();
        int[] compared = {0};
        for (String json : EpcisSamples.VALID) {
            ObjectNode sample = (ObjectNode) MAPPER.readTree(json);
            mutate(sample, sample, replacements, disagreements, compared, 0);
        }
        assertTrue(compared[0] > 2000, "compared only " + compared[0]);
        assertTrue(disagreements.isEmpty(), disagreements.size() + " of " + compared[0] + " disagree:\n"
                + String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
    }

    /** Mutates each member of {@code node} (a part of {@code root}) in place, compares, restores, recurses. */
    private static void mutate(ObjectNode root, JsonNode node, List<JsonNode> replacements, List<String> disagreements,
            int[] compared, int depth) throws Exception {
        if (depth > 3) {
            return;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (JsonNode item : array) {
                mutate(root, item, replacements, disagreements, compared, depth + 1);
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String name : names(object)) {
            if (depth == 0 && name.equals("@context")) {
                continue;
            }
            JsonNode original = object.get(name);
            object.remove(name);
            compare(root, disagreements, compared);
            for (JsonNode value : replacements) {
                object.set(name, value);
                compare(root, disagreements, compared);
            }
            object.set(name, original);
            mutate(root, original, replacements, disagreements, compared, depth + 1);
        }
    }

    private static void compare(ObjectNode event, List<String> disagreements, int[] compared) throws Exception {
        compared[0]++;
        boolean gs1 = officialVerdict(event.toString()).isEmpty();
        Violations violations = new Violations();
        boolean ours = EpcisEventValidator.validate(event, "event", violations) != null;
        boolean extensionType = event.path("type").isTextual() && JsonChecks.isAbsoluteUri(event.get("type").textValue());
        if (extensionType) {
            assertTrue(!ours, "extension event types are refused by design");
        } else if (gs1 != ours) {
            disagreements.add((gs1 ? "GS1 accepts, we refuse (" + violations.summary() + "): " : "GS1 refuses, we accept: ") + event);
        }
    }

    /** A copy of the member names, so members can be replaced while iterating. */
    private static List<String> names(ObjectNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theSchemaIsTheOneWeExpect() {
        assertEquals("https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json", schema.getSchemaNode().get("$id").asText());
    }
}
