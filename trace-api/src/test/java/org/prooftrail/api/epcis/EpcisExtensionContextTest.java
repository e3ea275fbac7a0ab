package org.prooftrail.api.epcis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.get;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorService;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.Organisations;

/**
 * GS1's own example documents that declare extension namespaces (test resources gs1-epcis-examples,
 * copied from github.com/gs1/EPCIS) are captured over real HTTP; every answer that shows their events
 * (query results, the event by its id, the proof bundle's signed payload) defines those namespaces and
 * validates against GS1's EPCIS 2.0 schema. Two of the documents bind {@code example} to different
 * namespaces, so an answer with both shows how a clash is answered.
 */
class EpcisExtensionContextTest {
    private static final String ORG = "gs1-examples";
    /** The second event of Example_9.6.1 (prefix example = http://ns.example.com/epcis/, member example:myField). */
    private static final String EXAMPLE_961 = "ni:///sha-256;00e1e6eba3a7cc6125be4793a631f0af50f8322e0ab5f2c0bab994a11cec1d79?ver=CBV2.0";
    /** The event of object_event_all_possible_fields (ext1, ext2, ext3, nested). */
    private static final String ALL_FIELDS = "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8";
    private static final String EXAMPLE_NS = "http://ns.example.com/epcis/";
    private static final String EXAMPLE_NS_12 = "https://ns.example.com/epcis";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;
    private static Schema schema;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        new Organisations(api.db().dataSource()).ensure(ORG, "GS1 examples");
        company = api.token(ApiRole.COMPANY, ORG);
        schema = EpcisFixtures.gs1Schema();
        for (String name : new String[] {"Example_9.6.1-ObjectEvent.jsonld", "object_event_all_possible_fields.jsonld",
                "Example-TransactionEvents-2020_07_03y.jsonld", "SensorDataExample12.jsonld"}) {
            JsonObject job = EpcisFixtures.capture(api, company, example(name));
            assertEquals(true, job.getBoolean("success"), name + ": " + job.encode());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static JsonObject example(String name) throws Exception {
        try (InputStream in = EpcisExtensionContextTest.class.getResourceAsStream("/gs1-epcis-examples/" + name)) {
            return new JsonObject(Buffer.buffer(in.readAllBytes()));
        }
    }

    private static HttpResponse<Buffer> answer(String uri) throws Exception {
        HttpResponse<Buffer> r = get(api, company, uri);
        assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
        if (schema == null) {
            EpcisFixtures.noteSchemaAbsent();
        } else {
            var errors = EpcisFixtures.validate(schema, r.body());
            assertTrue(errors.isEmpty(), () -> uri + ": " + errors + " in " + r.bodyAsString());
        }
        return r;
    }

    private static JsonArray eventList(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonObject("epcisBody").getJsonObject("queryResults")
                .getJsonObject("resultsBody").getJsonArray("eventList");
    }

    /** Every term defined in the answer's @context objects. */
    private static Map<String, Object> terms(JsonObject answer) {
        Map<String, Object> terms = new HashMap<>();
        JsonArray context = answer.getJsonArray("@context");
        assertEquals(EpcisFixtures.CONTEXT, context.getString(0), "the EPCIS 2.0 context comes first");
        for (Object item : context) {
            if (item instanceof JsonObject o) {
                terms.putAll(o.getMap());
            }
        }
        return terms;
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Test
    void theExamplePrefixIsDefinedInTheQueryAnswerAndTheEventById() throws Exception {
        HttpResponse<Buffer> q = answer("/epcis/events?EQ_eventID=" + enc(EXAMPLE_961));
        JsonObject event = eventList(q).getJsonObject(0);
        assertEquals(EXAMPLE_NS, terms(q.bodyAsJsonObject()).get("example"));
        assertEquals("Example of a vendor/user extension", event.getString("example:myField"));
        assertNull(event.getValue("@context"), "the namespace is defined once, at the top");

        HttpResponse<Buffer> one = answer("/epcis/events/" + enc(EXAMPLE_961));
        assertEquals(EXAMPLE_NS, terms(one.bodyAsJsonObject()).get("example"));
        assertEquals("Example of a vendor/user extension", one.bodyAsJsonObject().getString("example:myField"));
    }

    @Test
    void nestedExtensionsKeepTheirThreeNamespaces() throws Exception {
        HttpResponse<Buffer> q = answer("/epcis/events?EQ_eventID=" + enc(ALL_FIELDS));
        Map<String, Object> terms = terms(q.bodyAsJsonObject());
        assertEquals("http://example.com/ext1/", terms.get("ext1"));
        assertEquals("http://example.com/ext2/", terms.get("ext2"));
        assertEquals("http://example.com/ext3/", terms.get("ext3"));
        JsonObject sent = example("object_event_all_possible_fields.jsonld").getJsonObject("epcisBody")
                .getJsonArray("eventList").getJsonObject(0);
        JsonObject back = eventList(q).getJsonObject(0).copy();
        assertFalse(back.remove("recordTime") == null);
        assertEquals(sent, back, "the event comes back as captured, its extensions untouched");
    }

    @Test
    void typedTermsTravelWithTheirPrefix() throws Exception {
        HttpResponse<Buffer> q = answer("/epcis/events?eventType=TransactionEvent");
        Map<String, Object> terms = terms(q.bodyAsJsonObject());
        assertEquals("urn:gs1:epcisapp:rail:", terms.get("rail"));
        assertEquals(Map.of("@type", "xsd:integer"), terms.get("rail:trainAxleCount"));
        assertEquals(Map.of("@type", "@id"), terms.get("rail:vehicleMasterGIAI"));
        assertTrue(eventList(q).stream().anyMatch(e -> "12".equals(((JsonObject) e).getString("rail:trainAxleCount"))),
                q.bodyAsString());
    }

    @Test
    void aPrefixBoundToTwoNamespacesIsWrittenOutInFull() throws Exception {
        HttpResponse<Buffer> q = answer("/epcis/events?perPage=50");
        Map<String, Object> terms = terms(q.bodyAsJsonObject());
        assertFalse(terms.containsKey("example"), "example means two namespaces here: " + terms);
        assertEquals("https://ns.example1.com/epcis", terms.get("example1"), "the other prefixes agree and are defined once");
        assertEquals("http://example.com/ext1/", terms.get("ext1"));
        JsonObject e961 = null;
        JsonObject e12 = null;
        for (Object o : eventList(q)) {
            JsonObject e = (JsonObject) o;
            if (EXAMPLE_961.equals(e.getString("eventID"))) {
                e961 = e;
            } else if ("TransformationEvent".equals(e.getString("type"))) {
                e12 = e;
            }
        }
        for (JsonObject e : new JsonObject[] {e961, e12}) {
            assertFalse(e.encode().contains("\"example:"), "no name in the clashing prefix is left compact: " + e);
        }
        assertEquals("Example of a vendor/user extension", e961.getString(EXAMPLE_NS + "myField"));
        assertEquals("Employee 123", e12.getJsonObject("errorDeclaration").getString(EXAMPLE_NS_12 + "issuer"));
        assertEquals("34", e12.getJsonObject("errorDeclaration").getJsonObject("example3:errorCodes").getString("example3:value1"));
    }

    @Test
    void theSignedPayloadInTheProofBundleCarriesTheDocumentsContext() throws Exception {
        SigningKey logKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        AnchorSettings settings = new AnchorSettings(Duration.ofMillis(100), "test.prooftrail/log", logKey, "sha256",
                LocalLedger.NAME);
        String device = ServerAttestation.deviceFor(ORG);
        try (AnchorService anchor = new AnchorService(settings, api.db().settings(), new LocalLedger(),
                new SimpleMeterRegistry()).start()) {
            // Example_9.6.1 was captured first: its two events are the pseudo-device's envelopes 1 and 2.
            AtomicReference<JsonObject> event = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (int seq = 1; seq <= 2; seq++) {
                    HttpResponse<Buffer> r = get(api, company, "/v1/proofs/" + device + "/" + seq); // events: the owner's token
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    ProofBundle bundle = new ObjectMapper().readValue(r.body().getBytes(), ProofBundle.class);
                    EpcisFixtures.StoredSdJwt stored = EpcisFixtures.stored(api, device, seq);
                    assertEquals(stored.jwt(), bundle.envelope().jws(), "the bundle holds the issuer-signed JWT");
                    // the context is public; the extension member is concealed, signed as a digest
                    JsonObject signed = stored.signedPayload().getJsonObject("event");
                    assertNull(signed.getValue("example:myField"), signed.encode());
                    JsonObject e = stored.disclosedPayload().getJsonObject("event");
                    assertEquals(signed.getJsonArray("@context"), e.getJsonArray("@context"));
                    if (EXAMPLE_961.equals(e.getString("eventID"))) {
                        event.set(e);
                    }
                }
                return true;
            });
            assertEquals("Example of a vendor/user extension", event.get().getString("example:myField"));
            assertEquals(new JsonArray().add(EpcisFixtures.CONTEXT).add(new JsonObject().put("example", EXAMPLE_NS)),
                    event.get().getJsonArray("@context"), "the context it was captured under is signed with it");
        }
    }
}
