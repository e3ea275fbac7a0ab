package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.identifiers.ChinaDrugCode;

/**
 * The registry over real HTTP on a real database: who may register and read what, and precise
 * problems for bad input.
 */
class RegistryApiTest {
    static final String GTIN_A = "09506000134352";
    static final String GTIN_B = "04006381333931";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String admin;
    private static String regulator;
    private static String companyA;
    private static String companyB;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        admin = api.token(ApiRole.ADMIN, null);
        regulator = api.token(ApiRole.REGULATOR, null);
        companyA = api.token(ApiRole.COMPANY, "pharma-a");
        companyB = api.token(ApiRole.COMPANY, "farm-b");
        assertEquals(201, send(HttpMethod.POST, "/v1/orgs", admin,
                new JsonObject().put("id", "pharma-a").put("name", "Pharma A").put("gln", "9506000000001")).statusCode());
        assertEquals(201, send(HttpMethod.POST, "/v1/orgs", admin,
                new JsonObject().put("id", "farm-b").put("name", "Farm B")).statusCode());
        assertEquals(201, send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", GTIN_A)
                .put("name", "Insulin pen").put("tempMinC", 2.0).put("tempMaxC", 8.0)
                .put("maxSingleExcursionMinutes", 30).put("maxTotalExcursionMinutes", 120).put("cnDrugId", "8612345")
                .put("maxReadingGapMinutes", 20)).statusCode());
        assertEquals(201, send(HttpMethod.POST, "/v1/products", companyB, new JsonObject().put("gtin", GTIN_B)
                .put("name", "Apples").put("category", "produce")).statusCode());
        assertEquals(201, send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots", companyB,
                new JsonObject().put("lot", "B1")).statusCode());
        assertEquals(201, send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB,
                new JsonObject().put("count", 3)).statusCode());
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

    static void assertProblem(HttpResponse<Buffer> r, int status, String detailPart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        String detail = r.bodyAsJsonObject().getString("detail");
        assertTrue(detail.contains(detailPart), detail);
    }

    static void assertFieldProblem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        String detail = r.bodyAsJsonObject().getString("detail");
        assertTrue(detail.contains(field) || field.equals(r.bodyAsJsonObject().getString("field")), detail);
    }

    // ------------------------------------------------------------------ roles and scope

    @Test
    void adminRegistersOrganisationsOnceAndOnlyAdmin() throws Exception {
        assertProblem(send(HttpMethod.POST, "/v1/orgs", admin, new JsonObject().put("id", "pharma-a").put("name", "X")),
                409, "already registered");
        assertProblem(send(HttpMethod.POST, "/v1/orgs", companyA, new JsonObject().put("id", "c").put("name", "C")),
                403, "role company");
        assertProblem(send(HttpMethod.POST, "/v1/orgs", regulator, new JsonObject().put("id", "c").put("name", "C")),
                403, "role regulator");
        assertProblem(send(HttpMethod.POST, "/v1/orgs", null, new JsonObject().put("id", "c").put("name", "C")),
                401, "bearer token");
    }

    @Test
    void adminAndRegulatorListOrganisations() throws Exception {
        for (String token : new String[] {admin, regulator}) {
            HttpResponse<Buffer> r = send(HttpMethod.GET, "/v1/orgs", token, null);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            String ids = r.bodyAsJsonObject().getJsonArray("organisations").toString();
            assertTrue(ids.contains("pharma-a") && ids.contains("farm-b") && ids.contains("9506000000001"), ids);
        }
        assertProblem(send(HttpMethod.GET, "/v1/orgs", companyA, null), 403, "role company");
        assertProblem(send(HttpMethod.GET, "/v1/orgs", null, null), 401, "bearer token");
    }

    @Test
    void adminIssuesTokensThatWork() throws Exception {
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/tokens", admin,
                new JsonObject().put("subject", "ops@pharma-a").put("role", "company").put("org", "pharma-a"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String token = r.bodyAsJsonObject().getString("token");
        assertEquals(200, send(HttpMethod.GET, "/v1/products/" + GTIN_A, token, null).statusCode());
        assertProblem(send(HttpMethod.POST, "/v1/tokens", admin,
                new JsonObject().put("subject", "x").put("role", "company")), 400, "org");
        assertProblem(send(HttpMethod.POST, "/v1/tokens", admin,
                new JsonObject().put("subject", "x").put("role", "company").put("org", "nobody")), 422, "not registered");
        assertProblem(send(HttpMethod.POST, "/v1/tokens", companyA,
                new JsonObject().put("subject", "x").put("role", "admin")), 403, "role company");
    }

    @Test
    void companyCannotWriteOrReadAnotherOrganisation() throws Exception {
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots", companyA,
                new JsonObject().put("lot", "X1")), 403, "farm-b");
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/items", companyA, null),
                403, "another organisation");
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_B, companyA, null), 403, "another organisation");
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1", companyA, null), 403, "another organisation");
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyA,
                new JsonObject().put("count", 1)), 403, "farm-b");
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/labels", companyA, null),
                403, "another organisation");
        assertProblem(send(HttpMethod.POST, "/v1/orgs/farm-b/devices", companyA, device("x1", SignatureAlgorithm.EdDSA)),
                403, "farm-b");
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/items", null, null), 401, "bearer token");
    }

    @Test
    void regulatorReadsEveryOrganisationButWritesNothing() throws Exception {
        assertEquals(200, send(HttpMethod.GET, "/v1/products/" + GTIN_A, regulator, null).statusCode());
        HttpResponse<Buffer> items = send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/items", regulator, null);
        assertEquals(200, items.statusCode(), items.bodyAsString());
        assertEquals(3, items.bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(200, send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/items", admin, null).statusCode());
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots", regulator,
                new JsonObject().put("lot", "R1")), 403, "role regulator");
        assertProblem(send(HttpMethod.POST, "/v1/products", regulator,
                new JsonObject().put("gtin", "96385074").put("name", "x")), 403, "role regulator");
    }

    // ------------------------------------------------------------------ products, lots, devices

    @Test
    void productIsStoredWithItsRuleAndDrugIdentifier() throws Exception {
        JsonObject p = send(HttpMethod.GET, "/v1/products/" + GTIN_A, companyA, null).bodyAsJsonObject();
        assertEquals("pharma-a", p.getString("org"));
        assertEquals(2.0, p.getDouble("tempMinC"));
        assertEquals(30, p.getInteger("maxSingleExcursionMinutes"));
        assertEquals(120, p.getInteger("maxTotalExcursionMinutes"));
        assertEquals("8612345", p.getString("cnDrugId"));
        assertEquals(20, p.getInteger("maxReadingGapMinutes"));
        JsonObject b = send(HttpMethod.GET, "/v1/products/" + GTIN_B, companyB, null).bodyAsJsonObject();
        assertNull(b.getValue("tempMinC"));
        assertNull(b.getValue("maxSingleExcursionMinutes"));
        assertNull(b.getValue("maxReadingGapMinutes"), "without a setting the default coverage rule applies");
    }

    @Test
    void shortGtinIsPaddedAndReachableBothWays() throws Exception {
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", "96385074").put("name", "Gauze"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("00000096385074", r.bodyAsJsonObject().getString("gtin"));
        assertEquals(200, send(HttpMethod.GET, "/v1/products/96385074", companyA, null).statusCode());
        assertEquals(200, send(HttpMethod.GET, "/v1/products/00000096385074", companyA, null).statusCode());
    }

    @Test
    void badProductsAreRefusedNamingTheField() throws Exception {
        assertFieldProblem(send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", "09506000134353").put("name", "x")), 400, "gtin");
        assertProblem(send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", "09506000134353").put("name", "x")), 400, "check digit");
        assertProblem(send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", "0950600013").put("name", "x")), 400, "gtin: a GTIN has 8, 12, 13 or 14 digits");
        assertFieldProblem(send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", "123").put("name", "x")), 400, "gtin");
        assertProblem(send(HttpMethod.POST, "/v1/products", companyA,
                new JsonObject().put("gtin", GTIN_A).put("name", "again")), 409, "GTIN " + GTIN_A + " is already registered");
        assertProblem(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", "5901234123457")
                .put("name", "y").put("cnDrugId", "8612345")), 409, "China drug identifier 8612345");
        assertFieldProblem(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", "5901234123457")
                .put("name", "y").put("cnDrugId", "86123")), 400, "cnDrugId");
        assertProblem(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", "5901234123457")
                .put("name", "y").put("tempMinC", 9).put("tempMaxC", 2)), 400, "tempMinC");
        assertFieldProblem(send(HttpMethod.POST, "/v1/products", companyA, new JsonObject().put("gtin", "5901234123457")
                .put("name", "y").put("maxReadingGapMinutes", 0)), 400, "maxReadingGapMinutes");
    }

    @Test
    void lotsAreCheckedAndUnique() throws Exception {
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA,
                new JsonObject().put("lot", "L-2026/11").put("expiresOn", "2028-01-31").put("producedAt", "2026-11-25T08:00:00Z"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("2028-01-31", r.bodyAsJsonObject().getString("expiresOn"));
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA,
                new JsonObject().put("lot", "L-2026/11")), 409, "already registered");
        assertFieldProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA,
                new JsonObject().put("lot", "lot with spaces")), 400, "lot");
        assertProblem(send(HttpMethod.POST, "/v1/products/05012345678900/lots", companyA,
                new JsonObject().put("lot", "Z")), 404, "no product");
        JsonObject lot = send(HttpMethod.GET, "/v1/products/" + GTIN_A + "/lots/L-2026%2F11", regulator, null).bodyAsJsonObject();
        assertEquals(0L, lot.getLong("itemCount"));
        assertProblem(send(HttpMethod.GET, "/v1/products/" + GTIN_A + "/lots/NOPE", companyA, null), 404, "no lot");
    }

    static JsonObject device(String id, SignatureAlgorithm alg) {
        return new JsonObject().put("id", id).put("alg", alg.jwsName())
                .put("publicKeyPem", PublicKeys.toPem(SigningKey.generate(alg).verifyingKey()));
    }

    @Test
    void deviceRegistrationChecksTheKeyAndKeepsTheLocation() throws Exception {
        JsonObject d = device("truck-7", SignatureAlgorithm.ES256).put("kind", "truck")
                .put("description", "reefer").put("location", "urn:epc:id:sgln:9506000.00001.7").put("readingsPublic", false);
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA, d);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("truck-7", r.bodyAsJsonObject().getString("kid"));
        assertEquals(false, r.bodyAsJsonObject().getBoolean("readingsPublic"));
        try (Connection c = api.db().connection();
             PreparedStatement st = c.prepareStatement("SELECT d.location, d.description, k.alg, d.readings_public FROM device d "
                     + "JOIN device_key k ON k.device_id = d.id WHERE d.id = 'truck-7'");
             ResultSet rs = st.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("urn:epc:id:sgln:9506000.00001.7", rs.getString(1));
            assertEquals("reefer", rs.getString(2));
            assertEquals("ES256", rs.getString(3));
            assertEquals(false, rs.getBoolean(4), "the owner's policy: its readings' proofs are not public");
        }
        assertProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA, d.copy().put("kid", "other")),
                409, "device 'truck-7' is already registered");
        assertProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA,
                device("t8", SignatureAlgorithm.EdDSA).put("kid", "truck-7")), 409, "key id 'truck-7'");
    }

    @Test
    void badDeviceKeysAreRefusedNamingTheField() throws Exception {
        assertFieldProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA,
                device("d1", SignatureAlgorithm.EdDSA).put("publicKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")),
                400, "publicKeyPem");
        assertProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA,
                device("d1", SignatureAlgorithm.EdDSA).put("alg", "SM2SM3")), 400, "publicKeyPem: holds a EdDSA key but alg is SM2SM3");
        assertFieldProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA,
                device("d1", SignatureAlgorithm.EdDSA).put("alg", "RS256")), 400, "alg");
        assertFieldProblem(send(HttpMethod.POST, "/v1/orgs/pharma-a/devices", companyA,
                device("d1", SignatureAlgorithm.EdDSA).put("location", "cold room 3")), 400, "location");
        assertProblem(send(HttpMethod.POST, "/v1/orgs/ghost/devices", api.token(ApiRole.COMPANY, "ghost"),
                device("d1", SignatureAlgorithm.EdDSA)), 422, "not registered");
    }

    // ------------------------------------------------------------------ items

    @Test
    void itemCountsOutOfRangeAreRefusedNamingTheField() throws Exception {
        send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA, new JsonObject().put("lot", "C1"));
        for (int count : new int[] {0, 100_001}) {
            assertFieldProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots/C1/items", companyA,
                    new JsonObject().put("count", count)), 400, "count");
        }
        assertProblem(send(HttpMethod.POST, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB,
                new JsonObject().put("count", 1).put("chinaDrugCodes", true)), 422, "no China drug identifier");
    }

    @Test
    void chinaCodesStartWithTheDrugIdentifierAndCarryOurCheck() throws Exception {
        send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots", companyA, new JsonObject().put("lot", "CN1"));
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/products/" + GTIN_A + "/lots/CN1/items", companyA,
                new JsonObject().put("count", 500).put("chinaDrugCodes", true));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals(500, r.bodyAsJsonObject().getInteger("count"));
        try (Connection c = api.db().connection();
             PreparedStatement st = c.prepareStatement("SELECT cn_code FROM item WHERE gtin = ? AND lot = 'CN1'")) {
            st.setString(1, GTIN_A);
            int n = 0;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ChinaDrugCode code = new ChinaDrugCode(rs.getString(1));
                    assertEquals(20, code.value().length());
                    assertTrue(code.value().startsWith("8612345"), code.value());
                    assertTrue(code.hasProofTrailCheck(), code.value());
                    n++;
                }
            }
            assertEquals(500, n);
        }
    }

    @Test
    void itemStatusFollowsDispensing() throws Exception {
        String serial = send(HttpMethod.GET, "/v1/products/" + GTIN_B + "/lots/B1/items", companyB, null)
                .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("serial");
        String path = "/v1/items/" + GTIN_B + "/" + serial;
        assertProblem(send(HttpMethod.PATCH, path, companyA, new JsonObject().put("status", "dispensed")), 403, "farm-b");
        HttpResponse<Buffer> r = send(HttpMethod.PATCH, path, companyB, new JsonObject().put("status", "dispensed"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("dispensed", r.bodyAsJsonObject().getString("status"));
        String at = r.bodyAsJsonObject().getString("dispensedAt");
        assertNotNull(at);
        assertEquals(at, send(HttpMethod.PATCH, path, companyB, new JsonObject().put("status", "retired"))
                .bodyAsJsonObject().getString("dispensedAt"));
        assertNull(send(HttpMethod.PATCH, path, companyB, new JsonObject().put("status", "active"))
                .bodyAsJsonObject().getString("dispensedAt"));
        assertProblem(send(HttpMethod.PATCH, "/v1/items/" + GTIN_B + "/NOSUCHSERIAL", companyB,
                new JsonObject().put("status", "retired")), 404, "no item");
        assertEquals(400, send(HttpMethod.PATCH, path, companyB, new JsonObject().put("status", "lost")).statusCode());
    }
}
