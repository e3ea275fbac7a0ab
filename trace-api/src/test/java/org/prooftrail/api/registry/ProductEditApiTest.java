package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/**
 * Listing, editing and retiring products and lots over real HTTP: a company sees and changes only its
 * own, a regulator reads all and changes nothing, and retired products and lots take nothing new.
 */
class ProductEditApiTest {
    static final String GTIN_A = "09506000134352";
    static final String GTIN_A2 = "09506000134369";
    static final String GTIN_B = "04006381333931";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String regulator;
    private static String companyA;
    private static String companyB;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        String admin = api.token(ApiRole.ADMIN, null);
        regulator = api.token(ApiRole.REGULATOR, null);
        companyA = api.token(ApiRole.COMPANY, "pharma-a");
        companyB = api.token(ApiRole.COMPANY, "farm-b");
        ok(send(HttpMethod.POST, "/v1/orgs", admin, new JsonObject().put("id", "pharma-a").put("name", "Pharma A")));
        ok(send(HttpMethod.POST, "/v1/orgs", admin, new JsonObject().put("id", "farm-b").put("name", "Farm B")));
        ok(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", GTIN_A).put("name", "Insulin pen")
                .put("tempMinC", 2.0).put("tempMaxC", 8.0).put("maxSingleExcursionMinutes", 30)));
        ok(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", GTIN_A2).put("name", "Vaccine")));
        ok(send(HttpMethod.POST, "/v1/products", companyB, new JsonObject().put("gtin", GTIN_B).put("name", "Apples")
                .put("category", "produce")));
        for (String lot : List.of("L1", "L2", "L3")) {
            ok(send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA, new JsonObject().put("lot", lot)));
        }
        ok(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots", companyB, new JsonObject().put("lot", "B1")));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) throws Exception {
        var req = api.request(method, path, token);
        return (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
    }

    static void ok(HttpResponse<Buffer> r) {
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.bodyAsString());
    }

    static void assertProblem(HttpResponse<Buffer> r, int status, String detailPart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getString("detail").contains(detailPart), r.bodyAsString());
    }

    private static List<String> gtins(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonArray("products").stream().map(o -> ((JsonObject) o).getString("gtin")).toList();
    }

    @Test
    void aCompanyListsItsOwnProductsAndARegulatorAll() throws Exception {
        HttpResponse<Buffer> own = send(HttpMethod.GET, "/v1/products", companyA, null);
        ok(own);
        assertEquals(List.of(GTIN_A, GTIN_A2), gtins(own));
        assertEquals(3, own.bodyAsJsonObject().getJsonArray("products").getJsonObject(0).getInteger("lotCount"));
        assertNull(own.bodyAsJsonObject().getString("next"), "one page holds them");
        assertEquals(List.of(GTIN_B), gtins(send(HttpMethod.GET, "/v1/products", companyB, null)));
        HttpResponse<Buffer> all = send(HttpMethod.GET, "/v1/products?limit=2", regulator, null);
        assertEquals(List.of(GTIN_B, GTIN_A), gtins(all));
        assertEquals(GTIN_A, all.bodyAsJsonObject().getString("next"));
        assertEquals(List.of(GTIN_A2), gtins(send(HttpMethod.GET, "/v1/products?limit=2&after=" + GTIN_A, regulator, null)));
        assertEquals(400, send(HttpMethod.GET, "/v1/products?limit=0", regulator, null).statusCode());
        assertEquals(401, send(HttpMethod.GET, "/v1/products", null, null).statusCode());
    }

    @Test
    void lotsAreListedForTheOwnerAndRegulatorsOnly() throws Exception {
        HttpResponse<Buffer> page = send(HttpMethod.GET, "/v1/products/" + GTIN_A + "/lots?limit=2", companyA, null);
        ok(page);
        JsonArray lots = page.bodyAsJsonObject().getJsonArray("lots");
        assertEquals(List.of("L1", "L2"), lots.stream().map(o -> ((JsonObject) o).getString("lot")).toList());
        assertEquals(0L, lots.getJsonObject(0).getLong("itemCount"));
        assertEquals("L2", page.bodyAsJsonObject().getString("next"));
        HttpResponse<Buffer> rest = send(HttpMethod.GET, "/v1/products/" + GTIN_A + "/lots?limit=2&after=L2", regulator, null);
        assertEquals("L3", rest.bodyAsJsonObject().getJsonArray("lots").getJsonObject(0).getString("lot"));
        assertEquals(403, send(HttpMethod.GET, "/v1/products/" + GTIN_A + "/lots", companyB, null).statusCode());
        assertEquals(404, send(HttpMethod.GET, "/v1/products/09506000134376/lots", companyA, null).statusCode());
    }

    @Test
    void onlyTheOwnerEditsAndRetires() throws Exception {
        JsonObject rename = new JsonObject().put("name", "Not yours");
        assertEquals(403, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A, companyB, rename).statusCode());
        assertEquals(403, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A, regulator, rename).statusCode(), "regulators read only");
        assertEquals(403, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A + "/lots/L1", companyB,
                new JsonObject().put("retired", true)).statusCode());
        assertEquals(404, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A + "/lots/NOPE", companyA,
                new JsonObject().put("retired", true)).statusCode());
        assertEquals(400, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A, companyA, new JsonObject()).statusCode(), "nothing to change");
        assertEquals(400, send(HttpMethod.PATCH, "/v1/products/" + GTIN_A, companyA, new JsonObject().put("gtin", GTIN_B)).statusCode(),
                "the GTIN never changes");
        assertEquals("Insulin pen", send(HttpMethod.GET, "/v1/products/" + GTIN_A, regulator, null).bodyAsJsonObject().getString("name"));
    }

    @Test
    void theRuleChangesUntilItemsAreIssuedAndTheNameAlways() throws Exception {
        HttpResponse<Buffer> r = send(HttpMethod.PATCH, "/v1/products/" + GTIN_A2, companyA,
                new JsonObject().put("tempMinC", 2.0).put("tempMaxC", 8.0));
        ok(r);
        assertEquals(8.0, r.bodyAsJsonObject().getDouble("tempMaxC"));
        assertEquals("Vaccine", r.bodyAsJsonObject().getString("name"), "members left out keep their value");
        assertProblem(send(HttpMethod.PATCH, "/v1/products/" + GTIN_A2, companyA, new JsonObject().put("tempMinC", 9.0)),
                400, "tempMinC: is above tempMaxC");
        ok(send(HttpMethod.POST, "/v1/products/" + GTIN_A2 + "/lots", companyA, new JsonObject().put("lot", "V1")));
        ok(send(HttpMethod.POST, "/v1/products/" + GTIN_A2 + "/lots/V1/items", companyA, new JsonObject().put("count", 2)));
        HttpResponse<Buffer> looser = send(HttpMethod.PATCH, "/v1/products/" + GTIN_A2, companyA, new JsonObject().put("tempMaxC", null));
        assertProblem(looser, 409, "cannot change");
        assertEquals("tempMinC", looser.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> renamed = send(HttpMethod.PATCH, "/v1/products/" + GTIN_A2, companyA,
                new JsonObject().put("name", "Vaccine, 10 doses").put("tempMaxC", 8.0));
        ok(renamed);
        assertEquals("Vaccine, 10 doses", renamed.bodyAsJsonObject().getString("name"));
    }

    @Test
    void aRetiredProductTakesNoLotsAndARetiredLotNoItems() throws Exception {
        HttpResponse<Buffer> lot = send(HttpMethod.PATCH, "/v1/products/" + GTIN_B + "/lots/B1", companyB,
                new JsonObject().put("expiresOn", "2027-03-31").put("retired", true));
        ok(lot);
        assertEquals("2027-03-31", lot.bodyAsJsonObject().getString("expiresOn"));
        assertNotNull(lot.bodyAsJsonObject().getString("retiredAt"));
        HttpResponse<Buffer> items = send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB,
                new JsonObject().put("count", 1));
        assertProblem(items, 409, "retired lot takes no new items");
        assertEquals("lot", items.bodyAsJsonObject().getString("field"));
        ok(send(HttpMethod.PATCH, "/v1/products/" + GTIN_B + "/lots/B1", companyB, new JsonObject().put("retired", false)));
        ok(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB, new JsonObject().put("count", 1)));

        HttpResponse<Buffer> product = send(HttpMethod.PATCH, "/v1/products/" + GTIN_B, companyB, new JsonObject().put("retired", true));
        ok(product);
        assertNotNull(product.bodyAsJsonObject().getString("retiredAt"));
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots", companyB, new JsonObject().put("lot", "B2")),
                409, "takes no new lots");
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB, new JsonObject().put("count", 1)),
                409, "its lots take no new items");
        HttpResponse<Buffer> still = send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1", regulator, null);
        assertEquals(1L, still.bodyAsJsonObject().getLong("itemCount"), "history stays");
        assertFalse(gtins(send(HttpMethod.GET, "/v1/products", companyB, null)).isEmpty(), "a retired product is still listed");
        ok(send(HttpMethod.PATCH, "/v1/products/" + GTIN_B, companyB, new JsonObject().put("retired", false)));
    }
}
