package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.ItemSerial;

/** 10,000 items issued over HTTP: distinct, random-looking serials and Digital Links that parse. */
class ItemIssuanceTest {
    static final String GTIN = "09506000134352";
    static final String BASE = "https://id.example.com";
    static final int COUNT = 10_000;
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;
    private static HttpResponse<Buffer> csv;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(RegistryRoutes.RESOLVER_BASE_URL, BASE + "/"));
        company = api.token(ApiRole.COMPANY, "pharma");
        post("/v1/orgs", api.token(ApiRole.ADMIN, null), new JsonObject().put("id", "pharma").put("name", "Pharma"));
        post("/v1/products", company, new JsonObject().put("gtin", GTIN).put("name", "Vaccine"));
        post("/v1/products/" + GTIN + "/lots", company, new JsonObject().put("lot", "LOT,1").put("expiresOn", "2028-02-29"));
        csv = api.request(HttpMethod.POST, "/v1/products/" + GTIN + "/lots/LOT%2C1/items", company)
                .putHeader("accept", "text/csv").sendJsonObject(new JsonObject().put("count", COUNT))
                .await(120, TimeUnit.SECONDS);
        assertEquals(201, csv.statusCode(), csv.bodyAsString());
    }

    private static void post(String path, String token, JsonObject body) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Rows of the CSV after its header; the lot "LOT,1" is quoted. */
    static List<String[]> rows(String body) {
        String[] lines = body.split("\r\n");
        assertEquals("gtin,lot,serial,digital_link,cn_code", lines[0]);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            assertTrue(line.startsWith(GTIN + ",\"LOT,1\","), line);
            String[] rest = line.substring((GTIN + ",\"LOT,1\",").length()).split(",", -1);
            rows.add(rest);
        }
        return rows;
    }

    @Test
    void csvHasEveryItemWithAValidDigitalLink() {
        assertTrue(csv.getHeader("content-type").startsWith("text/csv"));
        List<String[]> rows = rows(csv.bodyAsString());
        assertEquals(COUNT, rows.size());
        for (String[] row : rows) {
            String serial = row[0];
            String uri = row[1];
            assertTrue(uri.startsWith(BASE + "/01/"), uri);
            DigitalLink link = DigitalLink.parsePath(uri.substring(BASE.length()));
            assertEquals(GTIN, link.gtin().value());
            assertEquals("LOT,1", link.lot());
            assertEquals(serial, link.serial());
            assertEquals("", row[2]);
        }
    }

    @Test
    void serialsAreDistinctUnguessableAndNotSequential() {
        List<String> serials = rows(csv.bodyAsString()).stream().map(r -> r[0]).toList();
        Set<String> distinct = new HashSet<>(serials);
        assertEquals(COUNT, distinct.size());
        // 16 characters of a 32-letter alphabet: 80 bits, all drawn from SecureRandom by construction
        serials.forEach(s -> assertTrue(ItemSerial.looksIssued(s), s));
        assertEquals(80, ItemSerial.LENGTH * 5);
        // as numbers, no two serials are neighbours and issuance order is not sorted order
        List<BigInteger> values = serials.stream().map(ItemIssuanceTest::value).sorted().toList();
        for (int i = 1; i < values.size(); i++) {
            assertNotEquals(BigInteger.ONE, values.get(i).subtract(values.get(i - 1)), "sequential serials");
        }
        assertFalse(serials.equals(serials.stream().sorted().toList()));
    }

    private static BigInteger value(String serial) {
        BigInteger v = BigInteger.ZERO;
        for (char c : serial.toCharArray()) {
            v = v.shiftLeft(5).add(BigInteger.valueOf(ItemSerial.ALPHABET.indexOf(c)));
        }
        return v;
    }

    @Test
    void itemsArePagedInSerialOrderAsJsonAndCsv() throws Exception {
        String path = "/v1/products/" + GTIN + "/lots/LOT%2C1/items";
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<Buffer> r = api.request(HttpMethod.GET, path + "?limit=3000"
                    + (token == null ? "" : "&pageToken=" + token), company).send().await(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject page = r.bodyAsJsonObject();
            page.getJsonArray("items").forEach(i -> assertTrue(seen.add(((JsonObject) i).getString("serial"))));
            token = page.getString("nextPageToken");
            pages++;
        } while (token != null);
        assertEquals(COUNT, seen.size());
        assertEquals(4, pages);
        HttpResponse<Buffer> first = api.request(HttpMethod.GET, path + "?limit=10", company)
                .putHeader("accept", "text/csv").send().await(30, TimeUnit.SECONDS);
        assertEquals(10, rows(first.bodyAsString()).size());
        assertTrue(first.getHeader("link").contains("rel=\"next\""), first.getHeader("link"));
        HttpResponse<Buffer> bad = api.request(HttpMethod.GET, path + "?pageToken=***", company).send().await(30, TimeUnit.SECONDS);
        RegistryApiTest.assertFieldProblem(bad, 400, "pageToken");
    }

    @Test
    void jsonAnswerListsTheFirstItemsAndLinks() throws Exception {
        post("/v1/products/" + GTIN + "/lots", company, new JsonObject().put("lot", "SMALL"));
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/v1/products/" + GTIN + "/lots/SMALL/items", company)
                .sendJsonObject(new JsonObject().put("count", 150)).await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(150, body.getInteger("count"));
        assertEquals(100, body.getJsonArray("items").size());
        assertTrue(body.getJsonObject("links").getString("labelsPdf").endsWith("/labels?format=pdf"));
    }
}
