package org.prooftrail.api.epcis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.get;

import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.anchor.audit.DerivedRowsAudit;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/**
 * Captured events are SD-JWTs under the default disclosure policy, like devices' SD-JWT events: the
 * stored envelope is the issuer-signed JWT with business fields and each code as digests, the
 * disclosures are stored apart; the owner's query reads the events whole, whoever holds one pack's
 * code sees only that pack of the captured packing, and the audit rebuilds the rows from the JWT and
 * the stored disclosures, naming one that was altered.
 */
class EpcisCaptureSdJwtTest {
    private static final String ORG = "sd-capture";
    private static final String GTIN = "0690123400002" + Gtin.checkDigit("0690123400002");
    private static final String LOT = "CAP2026";
    private static final String CASE = "urn:epc:id:sscc:6901234.0000000077";
    private static final List<String> SERIALS = List.of("CAPA1", "CAPA2", "CAPA3");
    private static final String TAG = "sdcap";
    private static final String DEVICE = ServerAttestation.deviceFor(ORG);

    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;
    private static JsonObject document;
    private static JsonObject job;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SigningKey logKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        api = ApiHarness.start(vertx, Map.of(), c -> ApiFeatures.all(new ApiContext(c.db(), c.settings(), c.auth(),
                new LogKey("test.prooftrail.local/log", logKey.verifyingKey()), c.hashAlg(), c.metrics())));
        new Organisations(api.db().dataSource()).ensure(ORG, "SD Capture Pharma");
        registerGoods();
        company = api.token(ApiRole.COMPANY, ORG);
        document = EpcisFixtures.document(TAG);
        JsonArray events = document.getJsonObject("epcisBody").getJsonArray("eventList");
        events.add(new JsonObject().put("type", "AggregationEvent").put("eventID", EpcisFixtures.id(TAG, 6))
                .put("eventTime", "2025-06-01T06:00:00Z").put("eventTimeZoneOffset", "+08:00")
                .put("action", "ADD").put("parentID", CASE).put("childEPCs", new JsonArray(packs()))
                .put("bizStep", "packing").put("disposition", "in_progress")
                .put("readPoint", new JsonObject().put("id", "https://id.gs1.org/414/6901234000012")));
        job = EpcisFixtures.capture(api, company, document);
        assertTrue(job.getBoolean("success"), job.encode());
        AnchorStep.once(api.db().dataSource(), "test.prooftrail.local/log", logKey, "sha256");
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theStoredEnvelopeIsTheIssuerSignedJwtWithBusinessFieldsAndCodesConcealed() throws Exception {
        JsonArray captured = document.getJsonObject("epcisBody").getJsonArray("eventList");
        for (int seq = 0; seq < captured.size(); seq++) { // the pseudo-device's seqs start at 0
            EpcisFixtures.StoredSdJwt stored = EpcisFixtures.stored(api, DEVICE, seq);
            assertFalse(stored.disclosures().isEmpty(), "disclosures of envelope " + seq + " are stored");
            JsonObject signed = stored.signedPayload();
            assertEquals("sha-256", signed.getString("_sd_alg"));
            assertEquals(seq, signed.getLong("seq"));
            JsonObject event = signed.getJsonObject("event");
            assertNull(event.getValue("eventID"), "concealed: " + event.encode());
            for (String list : List.of("epcList", "childEPCs", "inputEPCList", "outputEPCList")) {
                if (event.containsKey(list)) {
                    event.getJsonArray(list).forEach(x -> assertTrue(x instanceof JsonObject o && o.containsKey("..."),
                            list + " elements are digests: " + event.encode()));
                }
            }
            // the disclosures rebuild the event exactly as captured
            JsonObject whole = stored.disclosedPayload().getJsonObject("event");
            assertEquals(captured.getJsonObject(seq), whole);
        }
        JsonObject object = EpcisFixtures.stored(api, DEVICE, 0).signedPayload().getJsonObject("event");
        assertEquals("commissioning", object.getString("bizStep"), "public fields stay in the clear");
        JsonObject quantity = object.getJsonArray("quantityList").getJsonObject(0);
        assertTrue(quantity.containsKey("epcClass") && !quantity.containsKey("quantity") && !quantity.containsKey("uom"),
                quantity.encode());
        JsonObject transaction = EpcisFixtures.stored(api, DEVICE, 2).signedPayload().getJsonObject("event");
        assertNull(transaction.getValue("bizTransactionList"), transaction.encode());
        assertFalse(transaction.encode().contains("PO-"), transaction.encode());
    }

    @Test
    void theOwnersQueryReadsTheEventsWhole() throws Exception {
        JsonArray captured = document.getJsonObject("epcisBody").getJsonArray("eventList");
        for (int i = 0; i < captured.size(); i++) {
            JsonObject sent = captured.getJsonObject(i);
            HttpResponse<Buffer> r = get(api, company, "/epcis/events/" + URLEncoder.encode(sent.getString("eventID"), UTF_8));
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject read = r.bodyAsJsonObject();
            for (String member : sent.fieldNames()) {
                assertEquals(sent.getValue(member), read.getValue(member), member + " of " + sent.getString("eventID"));
            }
        }
        HttpResponse<Buffer> regulator = get(api, api.token(ApiRole.REGULATOR, null), "/epcis/events?EQ_bizStep=shipping");
        assertTrue(regulator.bodyAsString().contains("PO-" + EpcisFixtures.prefix(TAG)), regulator.bodyAsString());
    }

    @Test
    void whoeverHoldsOnePackSeesOnlyItsOwnDisclosuresOfTheCapturedPacking() throws Exception {
        String path = "/01/" + GTIN + "/10/" + LOT + "/21/" + SERIALS.get(0);
        HttpResponse<Buffer> r = get(api, null, "/v1/evidence" + path);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject evidence = r.bodyAsJsonObject();
        JsonObject packing = null;
        for (Object o : evidence.getJsonArray("envelopes")) {
            JsonObject e = (JsonObject) o;
            if (e.getString("device").equals(DEVICE) && e.getLong("seq") == 5) {
                packing = e;
            }
        }
        assertTrue(packing != null && packing.containsKey("disclosures"), evidence.encode());
        List<String> shown = new ArrayList<>();
        packing.getJsonArray("disclosures").forEach(d -> shown.add(new String(Base64Url.decode((String) d), UTF_8)));
        assertEquals(2, shown.size(), "the pack's place among the children and the case: " + shown);
        assertTrue(shown.stream().anyMatch(d -> d.contains(SERIALS.get(0))) && shown.stream().anyMatch(d -> d.contains(CASE)), shown.toString());
        String page = get(api, null, path).bodyAsString();
        for (String mate : SERIALS.subList(1, 3)) {
            assertFalse(String.join(" ", shown).contains(mate) || evidence.encode().contains(mate) || page.contains(mate),
                    "case-mate " + mate + " is not shown");
        }
    }

    @Test
    void theAuditRebuildsCapturedRowsFromTheirDisclosuresAndNamesAnAlteredOne() throws Exception {
        try (Connection c = api.db().connection()) {
            DerivedRowsAudit.Report clean = DerivedRowsAudit.run(c);
            assertTrue(clean.passed(), clean.mismatches().toString());
            assertTrue(clean.eventRows() >= 6, clean.toString());
        }
        // the transaction's purchase order replaced by one with another salt: same value, a digest never signed
        EpcisFixtures.StoredSdJwt stored = EpcisFixtures.stored(api, DEVICE, 2);
        String original = stored.disclosures().stream().filter(d -> "bizTransactionList".equals(parse(d).name()))
                .findFirst().orElseThrow();
        String forged = Disclosure.ofMember("bizTransactionList", parse(original).value()).encoded();
        sql("UPDATE envelope SET disclosures = array_replace(disclosures, ?::text, ?::text) WHERE disclosures @> ARRAY[?::text]", original, forged, original);
        try (Connection c = api.db().connection()) {
            DerivedRowsAudit.Report tampered = DerivedRowsAudit.run(c);
            assertFalse(tampered.passed());
            assertTrue(tampered.mismatches().stream().anyMatch(m -> m.toString().contains(DEVICE)
                    && m.toString().contains("DISCLOSURE_UNMATCHED")), tampered.mismatches().toString());
        } finally {
            sql("UPDATE envelope SET disclosures = array_replace(disclosures, ?::text, ?::text) WHERE disclosures @> ARRAY[?::text]", forged, original, forged);
        }
    }

    private static Disclosure parse(String encoded) {
        try {
            return Disclosure.parse(encoded);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> packs() {
        return SERIALS.stream().map(s -> new DigitalLink(new Gtin(GTIN), LOT, s).uri("https://id.gs1.org")).toList();
    }

    private static void registerGoods() throws Exception {
        var db = api.db().dataSource();
        new Products(db).ensure(new NewProduct(GTIN, ORG, "Captured insulin", "drug", 2.0, 8.0, 30, 60, null));
        Lot lot = new Lots(db).create(new Product(GTIN, ORG, null), LOT, Instant.parse("2025-06-01T00:00:00Z"),
                LocalDate.of(2027, 6, 1));
        List<NewItem> items = new ArrayList<>();
        for (String s : SERIALS) {
            items.add(new NewItem(s, new DigitalLink(new Gtin(GTIN), LOT, s).uri(api.base()), null));
        }
        new Items(db).add(lot, items);
    }

    private static void sql(String statement, Object... args) throws Exception {
        try (var c = api.db().connection(); var st = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.execute();
        }
    }
}
