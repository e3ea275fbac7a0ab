package org.prooftrail.api.dispensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.CountingConnections;

/**
 * The NHSA one-sale rule over real HTTP on the cold-chain demo's data: the first sale of a pack is
 * recorded and shows on its page and in its provenance JSON (a new ETag, no extra statement), a second
 * is refused with 409 naming the first and listed in {@code /v1/alerts} (JSON and CSV) for regulators
 * and the maker, concurrent sales leave one, and who may sell and read alerts.
 */
class DispensingApiTest {
    static final String GLN_PHARMACY = "6909876000012";
    static final String GLN_OTHER = "6901234000016";
    private static final String GTIN = ColdChainFixture.GTIN;
    private static final String LOT = ColdChainFixture.LOT;
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static final CountingConnections counter = new CountingConnections();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000"));
        f.api.db().wrapConnections(counter);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String token(ApiRole role, String org) {
        return f.api.token(role, org);
    }

    private static Future<HttpResponse<Buffer>> sellAsync(String bearer, JsonObject body) {
        return f.api.request(HttpMethod.POST, "/v1/dispensings", bearer).sendJsonObject(body);
    }

    private static HttpResponse<Buffer> sell(String bearer, JsonObject body) throws Exception {
        return sellAsync(bearer, body).await(20, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String bearer, String accept) throws Exception {
        HttpRequest<Buffer> r = f.api.request(HttpMethod.GET, path, bearer);
        if (accept != null) {
            r.putHeader("accept", accept);
        }
        return r.send().await(20, TimeUnit.SECONDS);
    }

    private static JsonObject problem(HttpResponse<Buffer> r, int status) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        return r.bodyAsJsonObject();
    }

    private static void pack(String serial, String status) throws Exception {
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link, status) VALUES (?, ?, ?, 'x', ?)", GTIN, serial, LOT, status);
    }

    private static JsonArray alerts(String bearer, String query) throws Exception {
        HttpResponse<Buffer> r = get("/v1/alerts" + query, bearer, "application/json");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("alerts");
    }

    @Test
    void aSecondSaleIsRefusedNamingTheFirstAndRaisedToRegulators() throws Exception {
        Instant soldAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<Buffer> first = sell(token(ApiRole.COMPANY, ColdChainFixture.PHARMACY), new JsonObject()
                .put("code", f.demo.chinaCode()).put("location", GLN_PHARMACY).put("soldAt", soldAt.toString()));
        assertEquals(201, first.statusCode(), first.bodyAsString());
        JsonObject sale = first.bodyAsJsonObject();
        assertEquals(f.demo.serials().get(0), sale.getString("serial"));
        assertEquals(soldAt.toString(), sale.getString("soldAt"));
        assertEquals(ColdChainFixture.PHARMACY, sale.getJsonObject("organisation").getString("id"));
        assertEquals(f.demo.itemPath(0), first.getHeader("location"));

        // the same pack by its Digital Link URI, sold by another company: refused, the first sale named
        String link = f.api.base() + f.demo.itemPath(0) + "?17=281231";
        JsonObject refused = problem(sell(token(ApiRole.COMPANY, ColdChainFixture.CARRIER),
                new JsonObject().put("digitalLink", link).put("location", GLN_OTHER)), 409);
        assertEquals("already-dispensed", refused.getString("reason"));
        assertEquals(soldAt.toString(), refused.getJsonObject("firstSale").getString("soldAt"));
        assertEquals(ColdChainFixture.PHARMACY, refused.getJsonObject("firstSale").getJsonObject("organisation").getString("id"));
        String detail = refused.getString("detail");
        assertTrue(detail.contains(soldAt.toString()) && detail.contains("Demo Pharmacy") && detail.contains("counterfeit"), detail);
        long alertId = refused.getLong("alert");

        // regulators see it, JSON and CSV
        String regulator = token(ApiRole.REGULATOR, null);
        JsonObject alert = alerts(regulator, "?kind=second-sale").stream().map(JsonObject.class::cast)
                .filter(a -> a.getLong("id") == alertId).findFirst().orElseThrow();
        assertEquals(f.demo.itemPath(0), alert.getString("subject"));
        assertEquals(ColdChainFixture.MAKER, alert.getString("org"));
        JsonObject details = alert.getJsonObject("details");
        assertEquals(f.demo.chinaCode(), details.getString("cnCode"));
        assertEquals(ColdChainFixture.PHARMACY, details.getString("firstOrg"));
        assertEquals(ColdChainFixture.CARRIER, details.getString("org"));
        assertEquals(GLN_OTHER, details.getString("location"));
        HttpResponse<Buffer> csv = get("/v1/alerts?kind=second-sale", regulator, "text/csv");
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        assertTrue(csv.getHeader("content-type").startsWith("text/csv"), csv.getHeader("content-type"));
        String[] lines = csv.bodyAsString().split("\r\n");
        assertEquals("id,raised_at,kind,subject,org,details", lines[0]);
        assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.startsWith(alertId + ",") && l.contains(",second-sale,"
                + f.demo.itemPath(0) + "," + ColdChainFixture.MAKER + ",") && l.contains(f.demo.chinaCode())), csv.bodyAsString());

        // the maker sees the alerts about its products; the pharmacy none of its own; another org's is 403
        assertTrue(alerts(token(ApiRole.COMPANY, ColdChainFixture.MAKER), "").stream()
                .anyMatch(a -> ((JsonObject) a).getLong("id") == alertId));
        assertTrue(alerts(token(ApiRole.COMPANY, ColdChainFixture.PHARMACY), "").isEmpty());
        problem(get("/v1/alerts?org=" + ColdChainFixture.MAKER, token(ApiRole.COMPANY, ColdChainFixture.PHARMACY), null), 403);
        problem(get("/v1/alerts", token(ApiRole.ADMIN, null), null), 403);
        problem(get("/v1/alerts", null, null), 401);
    }

    @Test
    void theSaleShowsOnThePageAndInTheJsonWithANewTagAndNoExtraStatement() throws Exception {
        String path = f.demo.itemPath(1);
        HttpResponse<Buffer> before = get(path, null, "application/json");
        assertEquals(200, before.statusCode(), before.bodyAsString());
        assertNull(before.bodyAsJsonObject().getJsonObject("item").getValue("dispensing"));
        String etag = before.getHeader("etag");
        assertNotNull(etag);

        HttpResponse<Buffer> sold = sell(token(ApiRole.COMPANY, ColdChainFixture.PHARMACY),
                new JsonObject().put("digitalLink", path).put("location", GLN_PHARMACY));
        assertEquals(201, sold.statusCode(), sold.bodyAsString());
        String soldAt = sold.bodyAsJsonObject().getString("soldAt");

        // a kept journey is dropped when the sale's notice arrives (milliseconds after its commit)
        List<HttpResponse<Buffer>> seen = new java.util.ArrayList<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> {
                    counter.reset();
                    seen.add(f.api.request(HttpMethod.GET, path, null).putHeader("accept", "application/json")
                            .putHeader("if-none-match", etag).send().await(20, TimeUnit.SECONDS));
                    return seen.get(seen.size() - 1).statusCode() != 304;
                });
        HttpResponse<Buffer> after = seen.get(seen.size() - 1);
        assertEquals(200, after.statusCode(), "the old tag no longer holds once the pack is sold");
        assertNotEquals(etag, after.getHeader("etag"));
        assertTrue(lookupStatements().size() <= 3, lookupStatements().toString());
        JsonObject item = after.bodyAsJsonObject().getJsonObject("item");
        assertEquals("dispensed", item.getString("status"));
        assertEquals(soldAt, item.getString("dispensedAt"));
        JsonObject dispensing = item.getJsonObject("dispensing");
        assertEquals(soldAt, dispensing.getString("at"));
        assertEquals("Demo Pharmacy 示范大药房", dispensing.getJsonObject("organisation").getString("name"));
        assertEquals(GLN_PHARMACY, dispensing.getString("location"));

        counter.reset();
        HttpResponse<Buffer> revalidated = f.api.request(HttpMethod.GET, path, null).putHeader("accept", "application/json")
                .putHeader("if-none-match", after.getHeader("etag")).send().await(20, TimeUnit.SECONDS);
        assertEquals(304, revalidated.statusCode());
        assertTrue(lookupStatements().size() <= 1, "none when the pack is kept, else the identity: " + lookupStatements());

        String day = Instant.parse(soldAt).atOffset(java.time.ZoneOffset.ofHours(8)).toLocalDate().toString();
        String en = get(path + "?lang=en", null, "text/html").bodyAsString();
        assertTrue(en.contains("id=\"pt-dispensed\"") && en.contains(day + "</time> by Demo Pharmacy 示范大药房."), en);
        String zh = get(path + "?lang=zh", null, "text/html").bodyAsString();
        assertTrue(zh.contains(day + "</time> 由 Demo Pharmacy 示范大药房 售出/调配。"), zh);
        // a pack not sold says nothing of the kind
        assertFalse(get(f.demo.itemPath(2) + "?lang=en", null, "text/html").bodyAsString().contains("pt-dispensed"));
    }

    private static List<CountingConnections.Sent> lookupStatements() {
        return counter.sent().stream().filter(s -> !s.thread().equals("pt-scan-writer")).toList();
    }

    @Test
    void concurrentSalesOfOnePackLeaveOneSale() throws Exception {
        pack("RACE1", "active");
        String link = "/01/" + GTIN + "/21/RACE1";
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        String[] sellers = {ColdChainFixture.PHARMACY, ColdChainFixture.CARRIER, ColdChainFixture.MAKER};
        for (int i = 0; i < 6; i++) {
            sent.add(sellAsync(token(ApiRole.COMPANY, sellers[i % 3]), new JsonObject().put("digitalLink", link)
                    .put("location", GLN_OTHER)));
        }
        int created = 0;
        int conflicts = 0;
        for (Future<HttpResponse<Buffer>> r : sent) {
            int status = r.await(30, TimeUnit.SECONDS).statusCode();
            created += status == 201 ? 1 : 0;
            conflicts += status == 409 ? 1 : 0;
        }
        assertEquals(1, created);
        assertEquals(5, conflicts);
        assertEquals(5, alerts(token(ApiRole.REGULATOR, null), "?kind=second-sale&limit=1000").stream()
                .filter(a -> ((JsonObject) a).getString("subject").endsWith("/21/RACE1")).count());
    }

    @Test
    void onlyAuthenticatedCompaniesSellKnownActivePacksNamedOnce() throws Exception {
        JsonObject body = new JsonObject().put("code", f.demo.chinaCode()).put("location", GLN_PHARMACY);
        problem(sell(null, body), 401);
        problem(sell(token(ApiRole.REGULATOR, null), body), 403);
        problem(sell(token(ApiRole.ADMIN, null), body), 403);
        problem(sell(token(ApiRole.COMPANY, "not-registered"), body), 403);

        String pharmacy = token(ApiRole.COMPANY, ColdChainFixture.PHARMACY);
        assertTrue(problem(sell(pharmacy, new JsonObject().put("code", "12345678901234567890").put("location", GLN_PHARMACY)), 404)
                .getString("detail").contains("not genuine"));
        problem(sell(pharmacy, new JsonObject().put("digitalLink", "/01/" + GTIN + "/10/OTHERLOT/21/" + f.demo.serials().get(2))
                .put("location", GLN_PHARMACY)), 404);
        pack("RET1", "retired");
        JsonObject retired = problem(sell(pharmacy, new JsonObject().put("digitalLink", "/01/" + GTIN + "/21/RET1")
                .put("location", GLN_PHARMACY)), 409);
        assertEquals("retired", retired.getString("reason"));
        assertTrue(alerts(token(ApiRole.REGULATOR, null), "?kind=retired-pack-sale").stream()
                .anyMatch(a -> ((JsonObject) a).getLong("id").equals(retired.getLong("alert"))));

        // malformed sales: named twice or not at all, a bad GLN, a lot's link, a till in the future, a short code
        problem(sell(pharmacy, body.copy().put("digitalLink", f.demo.itemPath(2))), 400);
        problem(sell(pharmacy, new JsonObject().put("location", GLN_PHARMACY)), 400);
        assertTrue(problem(sell(pharmacy, body.copy().put("location", "6909876000015")), 400).getString("detail").contains("check digit"));
        problem(sell(pharmacy, new JsonObject().put("digitalLink", "/01/" + GTIN + "/10/" + LOT).put("location", GLN_PHARMACY)), 400);
        problem(sell(pharmacy, body.copy().put("soldAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())), 400);
        problem(sell(pharmacy, new JsonObject().put("code", "1234").put("location", GLN_PHARMACY)), 400);
    }

    @Test
    void theSellerSendingTheSameSaleAgainGetsItBackWithoutAnAlert() throws Exception {
        pack("RETRY1", "active");
        JsonObject body = new JsonObject().put("digitalLink", "/01/" + GTIN + "/21/RETRY1").put("location", GLN_PHARMACY)
                .put("soldAt", "2026-11-30T09:30:00+08:00");
        String pharmacy = token(ApiRole.COMPANY, ColdChainFixture.PHARMACY);
        assertEquals(201, sell(pharmacy, body).statusCode());
        HttpResponse<Buffer> again = sell(pharmacy, body);
        assertEquals(200, again.statusCode(), again.bodyAsString());
        assertEquals("2026-11-30T01:30:00Z", again.bodyAsJsonObject().getString("soldAt"));
        assertTrue(alerts(token(ApiRole.REGULATOR, null), "?limit=1000").stream()
                .noneMatch(a -> ((JsonObject) a).getString("subject").endsWith("/21/RETRY1")));
    }

    @Test
    void alertsArePagedNewestFirst() throws Exception {
        pack("PAGE1", "active");
        JsonObject body = new JsonObject().put("digitalLink", "/01/" + GTIN + "/21/PAGE1").put("location", GLN_OTHER);
        assertEquals(201, sell(token(ApiRole.COMPANY, ColdChainFixture.PHARMACY), body).statusCode());
        for (int i = 0; i < 3; i++) {
            problem(sell(token(ApiRole.COMPANY, ColdChainFixture.CARRIER), body), 409);
        }
        String regulator = token(ApiRole.REGULATOR, null);
        HttpResponse<Buffer> first = get("/v1/alerts?limit=2&org=" + ColdChainFixture.MAKER, regulator, "application/json");
        JsonObject page = first.bodyAsJsonObject();
        assertEquals(2, page.getJsonArray("alerts").size());
        String next = page.getString("nextPageToken");
        assertNotNull(next);
        assertTrue(first.getHeader("link").contains("pageToken=" + next) && first.getHeader("link").contains("org="), first.getHeader("link"));
        long lastId = page.getJsonArray("alerts").getJsonObject(1).getLong("id");
        assertTrue(page.getJsonArray("alerts").getJsonObject(0).getLong("id") > lastId);
        JsonArray second = alerts(regulator, "?limit=2&org=" + ColdChainFixture.MAKER + "&pageToken=" + next);
        assertTrue(second.getJsonObject(0).getLong("id") < lastId);
        problem(get("/v1/alerts?pageToken=bm9wZQ", regulator, null), 400);
        problem(get("/v1/alerts?limit=0", regulator, null), 400);
        problem(get("/v1/alerts?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", regulator, null), 400);
    }

    private static void assertNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNull(o);
    }
}
