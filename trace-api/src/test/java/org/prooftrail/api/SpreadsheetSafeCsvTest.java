package org.prooftrail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;

/**
 * GS1 set 82 allows lots such as {@code =1+2} or {@code -SUM(A1)}: a print shop's or a regulator's
 * spreadsheet would run them as formulas. Both CSV exports, read back by a CSV parser, must show every
 * such cell as text (a leading {@code '}), and still carry the value itself.
 */
class SpreadsheetSafeCsvTest {
    private static final String GTIN = "09506000134352";
    private static final List<String> LOTS = List.of("=1+2", "-SUM(A1)", "+A1", "LOT,=1");
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        company = api.token(ApiRole.COMPANY, "pharma");
        post("/v1/orgs", api.token(ApiRole.ADMIN, null), new JsonObject().put("id", "pharma").put("name", "Pharma"));
        post("/v1/products", company, new JsonObject().put("gtin", GTIN).put("name", "Vaccine"));
        for (String lot : LOTS) {
            post("/v1/products/" + GTIN + "/lots", company, new JsonObject().put("lot", lot));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static void post(String path, String token, JsonObject body) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }

    /** No cell a spreadsheet reads may start a formula. */
    private static void assertNoFormula(List<CSVRecord> records) {
        for (CSVRecord r : records) {
            for (String cell : r) {
                assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "formula cell " + cell + " in " + r);
            }
        }
    }

    @Test
    void issuedAndListedItemCsvsShowFormulaLotsAsText() throws Exception {
        for (String lot : LOTS) {
            String path = "/v1/products/" + GTIN + "/lots/" + encodePathSegment(lot) + "/items";
            HttpResponse<Buffer> issued = api.request(HttpMethod.POST, path, company).putHeader("accept", "text/csv")
                    .sendJsonObject(new JsonObject().put("count", 3)).await(30, TimeUnit.SECONDS);
            assertEquals(201, issued.statusCode(), lot + ": " + issued.bodyAsString());
            HttpResponse<Buffer> listed = api.request(HttpMethod.GET, path, company).putHeader("accept", "text/csv")
                    .send().await(30, TimeUnit.SECONDS);
            assertEquals(200, listed.statusCode(), listed.bodyAsString());
            for (HttpResponse<Buffer> r : List.of(issued, listed)) {
                List<CSVRecord> records = parse(r.bodyAsString());
                assertEquals(List.of("gtin", "lot", "serial", "digital_link", "cn_code"), records.get(0).toList());
                assertEquals(4, records.size(), r.bodyAsString());
                assertNoFormula(records);
                for (CSVRecord row : records.subList(1, records.size())) {
                    String expected = "=+-@".indexOf(lot.charAt(0)) >= 0 ? "'" + lot : lot;
                    assertEquals(expected, row.get(1), "the lot cell of " + row);
                    assertEquals(GTIN, row.get(0));
                }
            }
        }
    }

    @Test
    void recallCsvShowsFormulaLotsAsText() throws Exception {
        SignedStore store = new SignedStore(api.db());
        String item = "https://id.gs1.org/01/" + GTIN + "/10/" + encodePathSegment("=1+2") + "/21/S1";
        store.store(store.device("factory", "line-1"), FarmToShelf.object("commission-formula", "2026-06-04T08:00:00Z",
                "ADD", "commissioning", FarmToShelf.FACTORY, List.of(item), List.of()));
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/v1/trace/" + URLEncoder.encode(item, StandardCharsets.UTF_8)
                        + "?direction=back", api.token(ApiRole.REGULATOR, null))
                .putHeader("accept", "text/csv").send().await(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<CSVRecord> records = parse(r.bodyAsString());
        assertEquals("kind", records.get(0).get(0));
        assertNoFormula(records);
        assertTrue(records.stream().anyMatch(row -> row.get(4).equals("'=1+2")), r.bodyAsString());
    }

    private static String encodePathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
