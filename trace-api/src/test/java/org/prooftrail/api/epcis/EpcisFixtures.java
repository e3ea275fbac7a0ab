package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.prooftrail.api.testing.ApiHarness;

/** Sample EPCIS documents (all five event types) and helpers shared by the EPCIS API tests. */
final class EpcisFixtures {
    static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    static final String SGLN1 = "urn:epc:id:sgln:4012345.00001.0";
    static final String SGLN2 = "urn:epc:id:sgln:4012345.00002.0";
    static final String SSCC = "urn:epc:id:sscc:4012345.0000000001";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EpcisFixtures() {
    }

    static String sgtin(String prefix, int n) {
        return "urn:epc:id:sgtin:4012345." + prefix + "." + n;
    }

    /** Five events, one of each type, an hour apart from 2025-06-01T0{1..5}:00:00Z; ids {@code <tag>-1..5}. */
    static JsonObject document(String tag) {
        String p = Integer.toString(Math.abs(tag.hashCode()) % 900000 + 100000);
        JsonArray events = new JsonArray()
                .add(new JsonObject().put("type", "ObjectEvent").put("eventID", id(tag, 1))
                        .put("eventTime", "2025-06-01T01:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "ADD").put("epcList", new JsonArray().add(sgtin(p, 1)).add(sgtin(p, 2)))
                        .put("quantityList", new JsonArray().add(new JsonObject()
                                .put("epcClass", "urn:epc:class:lgtin:4012345." + p + ".L1").put("quantity", 200).put("uom", "KGM")))
                        .put("bizStep", "commissioning").put("disposition", "active")
                        .put("readPoint", new JsonObject().put("id", SGLN1))
                        .put("bizLocation", new JsonObject().put("id", SGLN1))
                        .put("sensorElementList", new JsonArray().add(new JsonObject()
                                .put("sensorMetadata", new JsonObject().put("time", "2025-06-01T01:00:00Z"))
                                .put("sensorReport", new JsonArray()
                                        .add(new JsonObject().put("type", "Temperature").put("minValue", 3.0)
                                                .put("maxValue", 9.5).put("uom", "CEL"))
                                        .add(new JsonObject().put("type", "RelativeHumidity").put("value", 40).put("uom", "P1"))))))
                .add(new JsonObject().put("type", "AggregationEvent").put("eventID", id(tag, 2))
                        .put("eventTime", "2025-06-01T02:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "ADD").put("parentID", SSCC + p)
                        .put("childEPCs", new JsonArray().add(sgtin(p, 1)).add(sgtin(p, 2)))
                        .put("bizStep", "packing").put("disposition", "in_progress")
                        .put("readPoint", new JsonObject().put("id", SGLN1)))
                .add(new JsonObject().put("type", "TransactionEvent").put("eventID", id(tag, 3))
                        .put("eventTime", "2025-06-01T03:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "ADD")
                        .put("bizTransactionList", new JsonArray().add(new JsonObject().put("type", "po")
                                .put("bizTransaction", "urn:epcglobal:cbv:bt:4012345000009:PO-" + p)))
                        .put("epcList", new JsonArray().add(sgtin(p, 3)))
                        .put("bizStep", "shipping").put("disposition", "in_transit")
                        .put("readPoint", new JsonObject().put("id", SGLN2)))
                .add(new JsonObject().put("type", "TransformationEvent").put("eventID", id(tag, 4))
                        .put("eventTime", "2025-06-01T04:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("inputEPCList", new JsonArray().add(sgtin(p, 4)))
                        .put("outputEPCList", new JsonArray().add(sgtin(p, 5)))
                        .put("bizStep", "commissioning").put("disposition", "active"))
                .add(new JsonObject().put("type", "AssociationEvent").put("eventID", id(tag, 5))
                        .put("eventTime", "2025-06-01T05:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "ADD").put("parentID", "urn:epc:id:grai:4012345.55555." + p)
                        .put("childEPCs", new JsonArray().add("urn:epc:id:giai:4000001." + p))
                        .put("bizStep", "assembling"));
        return new JsonObject().put("@context", new JsonArray().add(CONTEXT)).put("type", "EPCISDocument")
                .put("schemaVersion", "2.0").put("creationDate", "2025-06-01T06:00:00Z")
                .put("epcisBody", new JsonObject().put("eventList", events));
    }

    static String id(String tag, int n) {
        return "urn:uuid:00000000-0000-4000-8000-" + String.format("%06d", Math.abs(tag.hashCode()) % 1000000) + String.format("%06d", n);
    }

    static String prefix(String tag) {
        return Integer.toString(Math.abs(tag.hashCode()) % 900000 + 100000);
    }

    static HttpResponse<Buffer> post(ApiHarness api, String token, String path, String contentType, Buffer body) throws Exception {
        return api.request(HttpMethod.POST, path, token).putHeader("content-type", contentType)
                .sendBuffer(body).await(30, TimeUnit.SECONDS);
    }

    static HttpResponse<Buffer> get(ApiHarness api, String token, String uri) throws Exception {
        return api.request(HttpMethod.GET, uri, token).send().await(30, TimeUnit.SECONDS);
    }

    /** Captures and waits for the job to finish; returns the finished job. */
    static JsonObject capture(ApiHarness api, String token, JsonObject doc) throws Exception {
        HttpResponse<Buffer> r = post(api, token, "/epcis/capture", "application/ld+json", doc.toBuffer());
        assertEquals(202, r.statusCode(), r.bodyAsString());
        String location = r.getHeader("Location");
        assertTrue(location.startsWith("/epcis/capture/"), location);
        AtomicReference<JsonObject> job = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<Buffer> j = get(api, token, location);
            assertEquals(200, j.statusCode(), j.bodyAsString());
            job.set(j.bodyAsJsonObject());
            return !job.get().getBoolean("running");
        });
        return job.get();
    }

    /** A captured envelope as stored: the issuer-signed JWT and the disclosures kept apart from it. */
    record StoredSdJwt(String jwt, List<String> disclosures) {
        /** The signed payload as anyone holding the JWT alone reads it: digests in place of concealed fields. */
        JsonObject signedPayload() {
            return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The payload with every stored disclosure in place (each must match a signed digest). */
        JsonObject disclosedPayload() throws Exception {
            var signed = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(signedPayload().encode());
            return new JsonObject(org.prooftrail.core.sdjwt.SdJwtVerifier.process(signed, disclosures).payload().toString());
        }
    }

    static StoredSdJwt stored(ApiHarness api, String device, long seq) throws Exception {
        try (var c = api.db().connection(); var st = c.prepareStatement("SELECT v.jws, coalesce(v.disclosures, '{}') FROM envelope v "
                + "WHERE v.device_id = ? AND v.seq = ?")) {
            st.setString(1, device);
            st.setLong(2, seq);
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), "envelope " + device + "/" + seq + " is stored");
                return new StoredSdJwt(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.US_ASCII),
                        List.of((String[]) rs.getArray(2).getArray()));
            }
        }
    }

    /** The eventIDs of a query document, in order. */
    static List<String> ids(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonArray list = r.bodyAsJsonObject().getJsonObject("epcisBody").getJsonObject("queryResults")
                .getJsonObject("resultsBody").getJsonArray("eventList");
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(((JsonObject) e).getString("eventID")));
        return out;
    }

    static void assertProblem(HttpResponse<Buffer> r, int status) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"), r.bodyAsString());
    }

    /** Any 4xx, as a problem body: never a server error. */
    static void assertClientProblem(HttpResponse<Buffer> r, String what) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + ": " + r.statusCode() + " " + r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"), what + ": " + r.bodyAsString());
    }

    private static final java.util.concurrent.atomic.AtomicBoolean ABSENCE_NOTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * GS1's schema is not part of the project (its files are GS1's): where it is not beside the
     * checkout, the comparison with it is skipped, said once, and every other assertion still runs.
     */
    static void noteSchemaAbsent() {
        if (ABSENCE_NOTED.compareAndSet(false, true)) {
            System.out.println("GS1 EPCIS-JSON-Schema.json not found beside the checkout (shared/standards/epcis)"
                    + " or in PT_EPCIS_SCHEMA: answers are checked by our own rules only");
        }
    }

    /** GS1's EPCIS 2.0 JSON schema, read from shared/standards/epcis beside the checkout (or PT_EPCIS_SCHEMA); null when absent. */
    static Schema gs1Schema() throws Exception {
        Path file = null;
        String configured = System.getenv("PT_EPCIS_SCHEMA");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            file = Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); file == null && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/standards/epcis/EPCIS-JSON-Schema.json");
            if (Files.isRegularFile(candidate)) {
                file = candidate;
            }
        }
        if (file == null) {
            return null;
        }
        JsonNode node = MAPPER.readTree(Files.readAllBytes(file));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
    }

    static List<Error> validate(Schema schema, Buffer body) throws Exception {
        return schema.validate(MAPPER.readTree(body.getBytes()));
    }
}
