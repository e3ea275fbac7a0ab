package org.prooftrail.api.share;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;
import org.prooftrail.store.testing.SigningDevice;

/**
 * Shares over real HTTP on a real database (docs/custody.md, "Shares"): organisation A's events are
 * invisible to B until A shares a lot with it; then B's EPCIS queries and trace show A's events of that
 * lot (SD-JWT events with the shared members' disclosures only), never of A's other lot; revoking or
 * expiry hides them again at once; C never sees them; regulators see everything whole throughout.
 */
class SharesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "maker-a";
    private static final String B = "partner-b";
    private static final String C = "other-c";
    private static final String GTIN = "0950600013435" + Gtin.checkDigit("0950600013435");
    private static final String PO = "urn:epcglobal:cbv:bt:9506000000006:PO-77";
    private Vertx vertx;
    private ApiHarness api;
    private String a;
    private String b;
    private String c;
    private String regulator;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        Organisations orgs = new Organisations(api.db().dataSource());
        orgs.ensure(A, A);
        orgs.ensure(B, B);
        orgs.ensure(C, "Other C");
        Products products = new Products(api.db().dataSource());
        products.create(new NewProduct(GTIN, A, "Drug", "drug", null, null, null, null, null));
        Product p = products.find(GTIN).orElseThrow();
        Lots lots = new Lots(api.db().dataSource());
        Items items = new Items(api.db().dataSource());
        for (String lot : List.of("L1", "L2")) {
            Lot l = lots.create(p, lot, null, LocalDate.now().plusYears(1));
            items.add(l, List.of(new NewItem(lot + "S1", "https://id.example.com/01/" + GTIN + "/10/" + lot + "/21/" + lot + "S1", null)));
        }
        SignedStore store = new SignedStore(api.db());
        SigningDevice line = store.device(A, "a-line");
        // the item written as an SGTIN-style Digital Link without its lot: found through the registry
        store.storeAsSdJwt(line, shipping(item("L1"), "2026-11-20T08:00:00Z"), shipping(item("L2"), "2026-11-20T09:00:00Z"));
        store.store(line, shipping(item("L1"), "2026-11-20T10:00:00Z"));
        store.store(store.device(B, "b-dock"), shipping("https://id.gs1.org/00/095060000000000018", "2026-11-20T11:00:00Z"));
        a = api.token(ApiRole.COMPANY, A);
        b = api.token(ApiRole.COMPANY, B);
        c = api.token(ApiRole.COMPANY, C);
        regulator = api.token(ApiRole.REGULATOR, null);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aLotShareShowsItsEventsWithTheSharedDisclosuresUntilRevoked() throws Exception {
        assertEquals(List.of(B), orgsOf(events(b)));
        assertEquals(0, events(c).size());

        JsonObject share = share(a, new JsonObject().put("grantee", B).put("gtin", GTIN).put("lot", "L1")
                .put("fields", new JsonArray().add("epcList")), 201);
        assertEquals(A, share.getString("owner"));
        assertNull(share.getString("revokedAt"));

        List<JsonObject> seen = events(b);
        List<JsonObject> ofA = seen.stream().filter(e -> !e.encode().contains("b-dock") && !e.encode().contains("/00/")).toList();
        assertEquals(2, ofA.size(), seen.toString());
        JsonObject sd = ofA.stream().filter(e -> e.getString("eventTime").startsWith("2026-11-20T08")).findFirst().orElseThrow();
        assertEquals(List.of(item("L1")), sd.getJsonArray("epcList").getList(), "the shared member is disclosed");
        assertFalse(sd.containsKey("bizTransactionList"), "unshared members are withheld: " + sd.encode());
        assertFalse(sd.containsKey("destinationList"), sd.encode());
        assertEquals("shipping", sd.getString("bizStep"), "public fields stay");
        assertTrue(sd.getString("eventID").startsWith("urn:prooftrail:envelope:a-line:"), "no hash ID of withheld fields");
        JsonObject plain = ofA.stream().filter(e -> e.getString("eventTime").startsWith("2026-11-20T10")).findFirst().orElseThrow();
        assertEquals(PO, plain.getJsonArray("bizTransactionList").getJsonObject(0).getString("bizTransaction"),
                "a plain JWS event is shared whole");
        assertFalse(seen.toString().contains("L2S1"), "the other lot stays hidden");

        // the same through one event, an EPC's events, and the other lot's event by its ID
        String sdId = sd.getString("eventID");
        assertEquals(200, get("/epcis/events/" + enc(sdId), b).statusCode());
        assertEquals(2, eventList(get("/epcis/epcs/" + enc(item("L1")) + "/events", b)).size());
        assertEquals(0, eventList(get("/epcis/epcs/" + enc(item("L2")) + "/events", b)).size());
        String l2Id = eventIdOf(regulator, "L2S1");
        assertEquals(404, get("/epcis/events/" + enc(l2Id), b).statusCode());
        assertEquals(404, get("/epcis/events/" + enc(sdId), c).statusCode());
        assertEquals(0, eventList(get("/epcis/epcs/" + enc(item("L1")) + "/events", c)).size());

        // regulators: everything, whole
        List<JsonObject> all = events(regulator);
        assertEquals(4, all.size());
        assertEquals(4, all.stream().filter(e -> e.encode().contains(PO)).count());

        // the lists: the owner's given, the partner's received, a stranger's none
        assertEquals(1, list(a).size());
        assertEquals(1, list(b).size());
        assertEquals(0, list(c).size());

        HttpResponse<Buffer> revoked = api.request(HttpMethod.DELETE, "/v1/shares/" + share.getLong("id"), a)
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
        assertEquals(List.of(B), orgsOf(events(b)));
        assertEquals(404, get("/epcis/events/" + enc(sdId), b).statusCode());
        assertEquals(404, get("/v1/trace/" + enc(item("L1")), b).statusCode());
    }

    @Test
    void aProductShareWithAllFieldsShowsEveryLotWholeInQueriesAndTracesUntilItExpires() throws Exception {
        assertEquals(404, get("/v1/trace/" + enc(item("L1")), b).statusCode());
        share(a, new JsonObject().put("grantee", B).put("gtin", GTIN)
                .put("expiresAt", Instant.now().plusSeconds(4).toString()), 201);
        List<JsonObject> seen = events(b);
        assertEquals(4, seen.size(), seen.toString());
        assertEquals(4, seen.stream().filter(e -> e.encode().contains(PO)).count(), "every member shown");
        HttpResponse<Buffer> trace = get("/v1/trace/" + enc(item("L1")), b);
        assertEquals(200, trace.statusCode(), trace.bodyAsString());
        assertTrue(trace.bodyAsJsonObject().getJsonArray("events").stream().map(JsonObject.class::cast)
                .anyMatch(e -> A.equals(e.getString("org"))), trace.bodyAsString());
        assertEquals(404, get("/v1/trace/" + enc(item("L1")), c).statusCode());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> orgsOf(events(b)).equals(List.of(B)));
        assertEquals(404, get("/v1/trace/" + enc(item("L1")), b).statusCode());
    }

    @Test
    void onlyTheOwnerSharesAndRevokes() throws Exception {
        share(b, new JsonObject().put("grantee", C).put("gtin", GTIN), 403);
        share(a, new JsonObject().put("grantee", "nobody").put("gtin", GTIN), 422);
        share(a, new JsonObject().put("grantee", B).put("gtin", GTIN).put("lot", "L9"), 404);
        share(a, new JsonObject().put("grantee", B).put("gtin", GTIN).put("expiresAt", "2020-01-01T00:00:00Z"), 400);
        share(regulator, new JsonObject().put("grantee", B).put("gtin", GTIN), 403);
        long id = share(a, new JsonObject().put("grantee", B).put("gtin", GTIN), 201).getLong("id");
        assertEquals(404, api.request(HttpMethod.DELETE, "/v1/shares/" + id, b).send().await(20, TimeUnit.SECONDS).statusCode());
        assertEquals(4, events(b).size(), "still shared");
    }

    private static String item(String lot) {
        return "https://id.gs1.org/01/" + GTIN + "/21/" + lot + "S1";
    }

    private static ObjectNode shipping(String epc, String time) {
        ObjectNode e = JSON.createObjectNode().put("type", "ObjectEvent").put("eventTime", time)
                .put("eventTimeZoneOffset", "+00:00").put("action", "OBSERVE").put("bizStep", "shipping")
                .put("disposition", "in_transit");
        e.putArray("epcList").add(epc);
        e.putObject("readPoint").put("id", "https://id.gs1.org/414/9506000000006");
        e.putArray("bizTransactionList").addObject().put("type", "po").put("bizTransaction", PO);
        e.putArray("destinationList").addObject().put("type", "owning_party").put("destination", "urn:epc:id:pgln:9506000.00001");
        return e;
    }

    private JsonObject share(String token, JsonObject body, int status) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/v1/shares", token).sendJsonObject(body).await(20, TimeUnit.SECONDS);
        assertEquals(status, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private JsonArray list(String token) throws Exception {
        HttpResponse<Buffer> r = get("/v1/shares", token);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("shares");
    }

    private HttpResponse<Buffer> get(String path, String token) throws Exception {
        return api.request(HttpMethod.GET, path, token).send().await(20, TimeUnit.SECONDS);
    }

    private List<JsonObject> events(String token) throws Exception {
        return eventList(get("/epcis/events?perPage=100", token));
    }

    private static List<JsonObject> eventList(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<JsonObject> out = new ArrayList<>();
        r.bodyAsJsonObject().getJsonObject("epcisBody").getJsonObject("queryResults").getJsonObject("resultsBody")
                .getJsonArray("eventList").forEach(e -> out.add((JsonObject) e));
        return out;
    }

    /** The organisations of the events (A's: those naming its product; B's: its container). */
    private static List<String> orgsOf(List<JsonObject> events) {
        return events.stream().map(e -> e.encode().contains("/00/") ? B : A).distinct().sorted().toList();
    }

    private String eventIdOf(String token, String serial) throws Exception {
        return events(token).stream().filter(e -> e.encode().contains(serial)).findFirst().orElseThrow().getString("eventID");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
