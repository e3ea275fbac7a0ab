package org.prooftrail.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.testing.FarmToShelf.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.core.trace.TraceId;

/** Trace back and forward over real HTTP on the farm-to-shelf scenario, stored as signed envelopes. */
class TraceRoutesTest {
    private static final String X1 = "urn:epc:id:sscc:4098765.0000000901";
    private static final String X2 = "urn:epc:id:sscc:4098765.0000000902";
    private static final String BIG = "urn:epc:id:sscc:4098765.0000000999";
    /** A lot named nowhere but inside its items' Digital Links: no ILMD lot, no event naming the lot. */
    private static final String LINK_LOT_GTIN = TraceId.parse("urn:epc:class:lgtin:4098765.044444.Q9").gtin();
    private static final String LINK_LOT_CASE = "urn:epc:id:sscc:4098765.0000000944";
    private static final String CLASS_LOT = "urn:epc:class:lgtin:4098765.055555.R5";
    private static final List<String> CLASS_LOT_PACKS = List.of("urn:epc:id:sgtin:4098765.055555.5001",
            "urn:epc:id:sgtin:4098765.055555.5002");
    /** The deployment's own resolver, under which it issues item Digital Links. */
    private static final String OWN_RESOLVER = "https://trace.example.com/dl";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String regulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(org.prooftrail.api.resolver.ResolverSettings.BASE, OWN_RESOLVER));
        SignedStore store = new SignedStore(api.db());
        FarmToShelf.store(store);
        SigningDevice odd = store.device("oddities", "odd-gw");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add("urn:epc:id:sgtin:4098765.033333." + (500 + i));
        }
        store.store(odd,
                FarmToShelf.aggregate("cycle1", "2026-06-10T06:00:00Z", "ADD", X1, List.of(X2), FACTORY),
                FarmToShelf.aggregate("cycle2", "2026-06-10T06:01:00Z", "ADD", X2, List.of(X1), FACTORY),
                FarmToShelf.aggregate("fanout", "2026-06-10T06:02:00Z", "ADD", BIG, many, FACTORY));
        List<String> q9 = List.of(linkPack("9001", "Q9"), linkPack("9002", "Q9"));
        ObjectNode commissioning = FarmToShelf.object("commissionQ9", "2026-06-11T06:00:00Z", "ADD", "commissioning", FACTORY,
                List.of(q9.get(0), q9.get(1), linkPack("9003", "Q90"), linkPack("9004", "Q"),
                        OWN_RESOLVER + "/01/" + LINK_LOT_GTIN + "/10/Q8/21/8001"), List.of());
        // items named with their lot's class: epcList SGTINs and quantityList LGTIN, no ILMD, in one ADD
        ObjectNode withClass = FarmToShelf.object("commissionR5", "2026-06-11T08:00:00Z", "ADD", "commissioning", FACTORY,
                List.of(CLASS_LOT_PACKS.get(0), CLASS_LOT_PACKS.get(1), "urn:epc:id:sgtin:4098765.066666.6001"),
                List.of(CLASS_LOT));
        store.store(odd, commissioning, withClass,
                FarmToShelf.aggregate("packQ9", "2026-06-11T07:00:00Z", "ADD", LINK_LOT_CASE, List.of(q9.get(1)), FACTORY));
        regulator = api.token(ApiRole.REGULATOR, null);
    }

    private static String linkPack(String serial, String lot) {
        return "https://id.gs1.org/01/" + LINK_LOT_GTIN + "/10/" + lot + "/21/" + serial;
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String code, String query, String token, String accept) throws Exception {
        var req = api.request(HttpMethod.GET, "/v1/trace/" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + (query == null ? "" : "?" + query), token);
        if (accept != null) {
            req.putHeader("accept", accept);
        }
        return req.send().await(20, TimeUnit.SECONDS);
    }

    private static JsonObject trace(String code, String query, String token) throws Exception {
        HttpResponse<Buffer> r = get(code, query, token, null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static Set<String> ids(JsonArray list, String field) {
        return list.stream().map(o -> ((JsonObject) o).getString(field)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(String... codes) {
        return Stream.of(codes).map(c -> TraceId.parse(c).key()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(List<String> codes) {
        return keys(codes.toArray(new String[0]));
    }

    private static Set<String> eventIds(String... labels) {
        return Stream.of(labels).map(FarmToShelf::eventId).collect(Collectors.toCollection(TreeSet::new));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    private static JsonObject node(JsonObject trace, String code) {
        return trace.getJsonArray("nodes").stream().map(o -> (JsonObject) o)
                .filter(n -> n.getString("id").equals(TraceId.parse(code).key())).findFirst().orElseThrow();
    }

    @Test
    void forwardFromAHarvestLotIsTheRecallList() throws Exception {
        JsonObject t = trace(H1, "direction=forward", regulator);
        Set<String> items = keys(Stream.concat(P1_PACKS.stream(), P2_PACKS.stream()).toList());
        assertEquals(union(keys(H1, P1, P2, C1, C2, PALLET), items), ids(t.getJsonArray("nodes"), "id"));
        Set<String> itemNodes = t.getJsonArray("nodes").stream().map(o -> (JsonObject) o)
                .filter(n -> n.getString("kind").equals("item")).map(n -> n.getString("id")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(items, itemNodes);
        for (String unrelated : P3_PACKS) {
            assertFalse(ids(t.getJsonArray("nodes"), "id").contains(TraceId.parse(unrelated).key()), unrelated);
        }
        assertEquals(eventIds("shipPallet", "receivePallet", "shipC1", "shipC2C3", "receiveC1", "receiveC2C3"),
                ids(t.getJsonArray("shipments"), "eventID"));
        assertEquals(new TreeSet<>(Set.of(DC, STORE_1, STORE_2)), ids(t.getJsonArray("locations"), "location"));
        assertFalse(t.getBoolean("truncated"));
        JsonObject pack = node(t, P2_PACKS.get(0));
        assertEquals("P2", pack.getString("lot"));
        assertEquals(PRODUCT_GTIN, pack.getString("gtin"));
        assertEquals(new TreeSet<>(Set.of(P2_PACKS.get(0), packLink("2001", "P2"))), new TreeSet<>(pack.getJsonArray("epcs").getList()));
        assertEquals(FACTORY, pack.getString("lastLocation"));
        assertEquals(STORE_1, node(t, P1_PACKS.get(0)).getString("lastLocation"), "sold there");
        JsonObject sale = t.getJsonArray("events").stream().map(o -> (JsonObject) o)
                .filter(e -> e.getString("eventID").equals(eventId("sell1001"))).findFirst().orElseThrow();
        assertEquals(new JsonArray().add(TraceId.parse(P1_PACKS.get(0)).key()), sale.getJsonArray("identifiers"));
        assertEquals(eventIds("harvestA", "transform", "commissionP1", "commissionP2", "packC1", "packC2", "palletise",
                "shipPallet", "receivePallet", "unpackPallet", "shipC1", "shipC2C3", "receiveC1", "receiveC2C3", "sell1001"),
                ids(t.getJsonArray("events"), "eventID"));
        JsonObject c1 = node(t, C1);
        assertEquals(STORE_1, c1.getString("lastLocation"));
        assertEquals("container", c1.getString("kind"));
    }

    @Test
    void csvMatchesJson() throws Exception {
        JsonObject t = trace(H1, "direction=forward", regulator);
        HttpResponse<Buffer> r = get(H1, "direction=forward", regulator, "text/csv");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("content-type").startsWith("text/csv"));
        String[] lines = r.bodyAsString().split("\r\n");
        assertEquals(TraceCsv.HEADER, lines[0]);
        Set<String> rows = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            rows.add(cells[0] + " " + cells[1]);
        }
        Set<String> expected = new TreeSet<>();
        t.getJsonArray("nodes").forEach(o -> expected.add(((JsonObject) o).getString("kind") + " " + ((JsonObject) o).getString("id")));
        t.getJsonArray("shipments").forEach(o -> expected.add("shipment " + ((JsonObject) o).getString("eventID")));
        t.getJsonArray("locations").forEach(o -> expected.add("location " + ((JsonObject) o).getString("location")));
        assertEquals(expected, rows);
        assertEquals(lines.length - 1, rows.size(), "one row per identifier");
    }

    @Test
    void backFromOnePackReachesItsFarmPlotsAndInputApplications() throws Exception {
        JsonObject t = trace(P1_PACKS.get(0), "direction=back", regulator);
        assertEquals(keys(P1_PACKS.get(0), P1, H1, H2), ids(t.getJsonArray("nodes"), "id"));
        assertEquals(new TreeSet<>(Set.of(PLOT_A, PLOT_B)), ids(t.getJsonArray("farmPlots"), "location"));
        assertEquals(eventIds("plantA", "plantB"), ids(t.getJsonArray("plantings"), "eventID"));
        assertEquals(eventIds("pestA", "fertA", "fertB"), ids(t.getJsonArray("inputApplications"), "eventID"));
        JsonObject pest = t.getJsonArray("inputApplications").stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("eventID").equals(eventId("pestA"))).findFirst().orElseThrow();
        assertEquals("pesticide", pest.getJsonObject("event").getJsonObject("pt:inputApplication").getString("pt:kind"));
        assertEquals(PLOT_A, pest.getString("plot"));
    }

    @Test
    void digitalLinksAndGtinLotNameTheSameNodes() throws Exception {
        String byUrn = trace(P1_PACKS.get(0), "direction=back", regulator).getJsonArray("nodes").encode();
        JsonObject byPath = trace("/01/" + PRODUCT_GTIN + "/21/1001", "direction=back", regulator);
        assertEquals(byUrn, byPath.getJsonArray("nodes").encode());
        JsonObject byLink = trace("https://id.gs1.org/01/" + PRODUCT_GTIN + "/10/P1/21/1001", "direction=back", regulator);
        assertEquals(keys(P1_PACKS.get(0), P1, H1, H2), ids(byLink.getJsonArray("nodes"), "id"));
        String gtinLot = TraceId.parse(H1).gtin() + "/H1";
        assertEquals(ids(trace(H1, null, regulator).getJsonArray("nodes"), "id"),
                ids(trace(gtinLot, null, regulator).getJsonArray("nodes"), "id"));
        // slashes sent unencoded reach the same operation
        HttpResponse<Buffer> raw = api.request(HttpMethod.GET, "/v1/trace/" + gtinLot + "?direction=forward", regulator)
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, raw.statusCode(), raw.bodyAsString());
        assertEquals(TraceId.parse(H1).key(), raw.bodyAsJsonObject().getString("id"));
    }

    @Test
    void cyclesTerminate() throws Exception {
        assertEquals(keys(X1, X2), ids(trace(X1, "direction=forward", regulator).getJsonArray("nodes"), "id"));
        assertEquals(keys(X1, X2), ids(trace(X1, "direction=back", regulator).getJsonArray("nodes"), "id"));
    }

    @Test
    void fanOutOverTheLimitIsPagedAndEveryNodeComesOnce() throws Exception {
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            JsonObject t = trace(BIG, "direction=back&limit=10" + (token == null ? ""
                    : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), regulator);
            pages++;
            for (Object o : t.getJsonArray("nodes")) {
                assertTrue(seen.add(((JsonObject) o).getString("id")), "node twice: " + o);
            }
            token = t.getString("nextPageToken");
            assertEquals(token != null, t.getBoolean("truncated"));
            if (token != null) {
                assertEquals(new JsonArray().add("limit"), t.getJsonArray("truncatedBy"));
            }
        } while (token != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(26, seen.size());
    }

    @Test
    void depthLimitIsReported() throws Exception {
        JsonObject t = trace(H1, "direction=forward&depth=1", regulator);
        assertEquals(keys(H1, P1, P2), ids(t.getJsonArray("nodes"), "id"));
        assertTrue(t.getBoolean("truncated"));
        assertEquals(new JsonArray().add("depth"), t.getJsonArray("truncatedBy"));
    }

    @Test
    void aCompanySeesOnlyItsOwn() throws Exception {
        JsonObject t = trace(H1, "direction=forward", api.token(ApiRole.COMPANY, PROCESSOR));
        assertEquals(eventIds("shipPallet"), ids(t.getJsonArray("shipments"), "eventID"));
        assertTrue(t.getJsonArray("locations").isEmpty());
        assertTrue(t.getJsonObject("hidden").getInteger("events") > 0);
        for (Object o : t.getJsonArray("nodes")) {
            assertNull(((JsonObject) o).getString("viaEvent"));
        }
        assertEquals(404, get(H1, null, api.token(ApiRole.COMPANY, STORE), null).statusCode());
        JsonObject storeView = trace(C1, "direction=forward", api.token(ApiRole.COMPANY, STORE));
        assertEquals(keys(C1), ids(storeView.getJsonArray("nodes"), "id"));
        assertEquals(1, storeView.getJsonObject("hidden").getInteger("nodes"));
        assertEquals(STORE_1, storeView.getJsonArray("nodes").getJsonObject(0).getString("lastLocation"));
    }

    @Test
    void aLotCarriedOnlyByItsItemsDigitalLinksIsTracedForwardAndBack() throws Exception {
        Set<String> expected = keys("/01/" + LINK_LOT_GTIN + "/10/Q9", linkPack("9001", "Q9"), linkPack("9002", "Q9"),
                LINK_LOT_CASE);
        for (String code : List.of(LINK_LOT_GTIN + "/Q9", "/01/" + LINK_LOT_GTIN + "/10/Q9",
                "urn:epc:class:lgtin:4098765.044444.Q9")) {
            JsonObject t = trace(code, "direction=forward", regulator);
            assertEquals(expected, ids(t.getJsonArray("nodes"), "id"), code);
            JsonObject pack = node(t, linkPack("9001", "Q9"));
            assertEquals("lot of", pack.getString("relation"));
            assertEquals("Q9", pack.getString("lot"));
            assertEquals(List.of(linkPack("9001", "Q9")), pack.getJsonArray("epcs").getList());
            assertEquals(eventIds("commissionQ9", "packQ9"), ids(t.getJsonArray("events"), "eventID"));
            JsonObject back = trace(code, "direction=back", regulator);
            assertEquals(keys("/01/" + LINK_LOT_GTIN + "/10/Q9"), ids(back.getJsonArray("nodes"), "id"), code);
        }
        // under the deployment's own resolver base too
        JsonObject own = trace(LINK_LOT_GTIN + "/Q8", "direction=forward", regulator);
        assertEquals(keys("/01/" + LINK_LOT_GTIN + "/10/Q8", "/01/" + LINK_LOT_GTIN + "/21/8001"),
                ids(own.getJsonArray("nodes"), "id"));
        // the way back from a pack reaches the lot, which leads forward to both packs again
        JsonObject back = trace(linkPack("9002", "Q9"), "direction=back", regulator);
        assertTrue(ids(back.getJsonArray("nodes"), "id").contains(TraceId.parse("/01/" + LINK_LOT_GTIN + "/10/Q9").key()));
    }

    @Test
    void aLotNamedAsAClassBesideItsItemsLeadsToThemAndBack() throws Exception {
        JsonObject t = trace(TraceId.parse(CLASS_LOT).gtin() + "/R5", "direction=forward", regulator);
        assertEquals(union(keys(CLASS_LOT), keys(CLASS_LOT_PACKS)), ids(t.getJsonArray("nodes"), "id"),
                "the item of another GTIN in the same event is not of this lot");
        assertEquals(eventId("commissionR5"), node(t, CLASS_LOT_PACKS.get(0)).getString("viaEvent"));
        assertEquals("R5", node(t, CLASS_LOT_PACKS.get(0)).getString("lot"));
        JsonObject back = trace(CLASS_LOT_PACKS.get(1), "direction=back", regulator);
        assertEquals(keys(CLASS_LOT_PACKS.get(1), CLASS_LOT), ids(back.getJsonArray("nodes"), "id"));
        assertEquals("item of", node(back, CLASS_LOT).getString("relation"));
    }

    @Test
    void refusals() throws Exception {
        assertEquals(401, get(H1, null, null, null).statusCode());
        HttpResponse<Buffer> unknown = get("urn:epc:id:sgtin:4098765.022222.9999", null, regulator, null);
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.getHeader("content-type"));
        HttpResponse<Buffer> badCheck = get("/01/" + PRODUCT_GTIN.substring(0, 13) + ((PRODUCT_GTIN.charAt(13) - '0' + 1) % 10)
                + "/21/1", null, regulator, null);
        assertEquals(400, badCheck.statusCode(), badCheck.bodyAsString());
        HttpResponse<Buffer> badToken = get(H1, "pageToken=" + URLEncoder.encode(
                org.prooftrail.core.trace.PageToken.encode(H2, "forward", 20, 5), StandardCharsets.UTF_8), regulator, null);
        assertEquals(400, badToken.statusCode());
        assertTrue(badToken.bodyAsJsonObject().getString("detail").contains("another trace"));
        HttpResponse<Buffer> deep = get(H1, "depth=51", regulator, null);
        assertEquals(400, deep.statusCode());
        assertNotNull(deep.bodyAsJsonObject().getString("detail"));
    }
}
