package org.prooftrail.api.resolver;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.identifiers.Gtin;

/**
 * The public resolver over real HTTP on the cold-chain demo's signed data: valid and invalid
 * Digital Links with their status codes, the three representations, caching, the scan log, the
 * server's proof check and the excursion report.
 */
class ResolverTest {
    private static Vertx vertx;
    private static ConsumerFixture f;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000", ResolverSettings.REGIONS, "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String accept) throws Exception {
        HttpRequest<Buffer> r = f.api.client().request(HttpMethod.GET, path);
        if (accept != null) {
            r.putHeader("accept", accept);
        }
        return r.send().await(20, TimeUnit.SECONDS);
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String detailPart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        assertTrue(r.bodyAsJsonObject().getString("detail").contains(detailPart), r.bodyAsString());
    }

    private static String item(int i) {
        return f.demo.itemPath(i);
    }

    /** The page's script is its own resource, named by its hash and cached for good; the page names it with its nonce. */
    @Test
    void thePagesScriptIsServedOnceForAllPagesUnderItsHash() throws Exception {
        String page = get(item(0), "text/html").bodyAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script nonce=\"([^\"]+)\" src=\"(/page/consumer-[0-9a-f]{16}\\.js)\">")
                .matcher(page);
        assertTrue(m.find(), page);
        HttpResponse<Buffer> script = get(m.group(2), null);
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.getHeader("content-type"));
        assertTrue(script.getHeader("cache-control").contains("immutable"));
        assertTrue(script.bodyAsString().contains("pt-data"), "the recheck script");
        assertEquals(404, get("/page/consumer-0000000000000000.js", null).statusCode(), "only the current script");
    }

    /** Item links skip the contract's validation only when their query is one the contract allows; else the contract answers. */
    @Test
    void itemLinksAreCheckedAsStrictlyWithOrWithoutTheContractsValidation() throws Exception {
        assertEquals(200, get(item(0) + "?lang=zh&17=" + "271231", "application/json").statusCode());
        assertEquals(400, get(item(0) + "?lang=fr", "application/json").statusCode(), "lang is en or zh");
        assertEquals(400, get(item(0) + "?17=2712", "application/json").statusCode(), "17 is YYMMDD");
        assertEquals(200, get(item(0) + "?utm_source=x", "application/json").statusCode(), "other parameters are ignored, as the contract does");
        assertProblem(get("/01/" + f.demo.gtin() + "/10/" + f.demo.lot() + "/21/" + "%E2%82%AC", "application/json"), 400, "set 82");
        assertProblem(get("/01/" + f.demo.gtin().substring(0, 13) + "0/10/L/21/S", "application/json"), 400, "check digit");
    }

    @Test
    void itemAsProvenanceJson() throws Exception {
        HttpResponse<Buffer> r = get(item(0), "application/json");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("application/json", r.getHeader("content-type"));
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(ColdChainFixture.GTIN, body.getJsonObject("product").getString("gtin"));
        assertEquals(f.demo.serials().get(0), body.getJsonObject("item").getString("serial"));
        JsonArray events = body.getJsonArray("events");
        assertEquals(4, events.size(), events.encodePrettily());
        assertEquals("commissioning", events.getJsonObject(0).getString("bizStep"));
        assertEquals("item", events.getJsonObject(0).getString("via"));
        assertEquals("container", events.getJsonObject(2).getString("via")); // shipping names the SSCC
        assertEquals("receiving", events.getJsonObject(3).getString("bizStep"));
        JsonArray custody = body.getJsonArray("custody");
        assertEquals(3, custody.size(), custody.encodePrettily());
        assertEquals(ColdChainFixture.TRUCK_LOCATION, custody.getJsonObject(1).getString("location"));
        assertEquals(72, custody.getJsonObject(1).getInteger("readings")); // 6 h at one reading per 5 min
        JsonObject cold = body.getJsonObject("coldChain");
        assertEquals("pass", cold.getString("verdict"), cold.encodePrettily());
        assertEquals(1, cold.getInteger("excursionCount"));
        JsonObject worst = cold.getJsonArray("worst").getJsonObject(0);
        assertEquals(25.0, worst.getDouble("durationMinutes"));
        assertEquals(9.6, worst.getDouble("peakC"), 1e-9);
        assertEquals("ccdemo-reefer-7", worst.getString("device"));
        JsonObject proof = body.getJsonArray("proofs").getJsonObject(0);
        assertEquals(f.demo.commissioningDevice(), proof.getString("device"));
        assertEquals(f.demo.commissioningSeq(), proof.getLong("seq"));
        // an event's bundle is not public (ProofAccess): the code holder checks it through the evidence document
        assertEquals(404, get(proof.getString("bundle"), null).statusCode());
        assertEquals(200, f.api.request(HttpMethod.GET, proof.getString("bundle"), f.api.token(ApiRole.REGULATOR, null))
                .send().await(20, TimeUnit.SECONDS).statusCode());
        assertTrue(body.getJsonObject("scans").getLong("count") >= 1);
        assertNotNull(r.getHeader("etag"));
        assertTrue(r.getHeader("cache-control").contains("no-cache"));
        assertTrue(r.getHeader("server-timing").startsWith("lookup;dur="));
        // the same by link type, whatever Accept says
        assertEquals("application/json", get(item(0) + "?linkType=gs1:traceability", "text/html").getHeader("content-type"));
    }

    @Test
    void browsersGetThePageWithACspAndTheVerdict() throws Exception {
        HttpResponse<Buffer> r = get(item(1), "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.getHeader("content-type"));
        String csp = r.getHeader("content-security-policy");
        assertTrue(csp.startsWith("default-src 'none'; script-src 'nonce-"), csp);
        String html = r.bodyAsString();
        assertTrue(html.contains("data-verdict=\"pass\""));
        assertTrue(html.contains("<svg"), "inline temperature chart");
        assertTrue(html.contains("class=\"exc\""), "the excursion is marked on the chart");
        assertTrue(html.contains("id=\"pt-badge\""));
        assertTrue(html.contains("/v1/proofs/" + f.demo.commissioningDevice() + "/" + f.demo.commissioningSeq()));
        assertFalse(html.matches("(?s).*(src|href|action)=\"(https?:)?//.*"), "no external requests");
        assertTrue(html.length() < 100_000, "page, CSS and JS well under 100 KB: " + html.length());
        // Chinese by Accept-Language, English again by the toggle
        HttpRequest<Buffer> zh = f.api.client().request(HttpMethod.GET, item(1)).putHeader("accept", "text/html")
                .putHeader("accept-language", "zh-CN,zh;q=0.9,en;q=0.8");
        String zhHtml = zh.send().await(20, TimeUnit.SECONDS).bodyAsString();
        assertTrue(zhHtml.contains("lang=\"zh\"") && zhHtml.contains("冷链合格"));
        HttpRequest<Buffer> en = f.api.client().request(HttpMethod.GET, item(1) + "?lang=en").putHeader("accept", "text/html")
                .putHeader("accept-language", "zh-CN");
        assertTrue(en.send().await(20, TimeUnit.SECONDS).bodyAsString().contains("Cold chain held"));
    }

    /** GS1's linkset JSON schema (test resources gs1-linkset, from github.com/gs1/linkset). */
    private static Schema gs1LinksetSchema() throws Exception {
        try (InputStream in = ResolverTest.class.getResourceAsStream("/gs1-linkset/gs1-linkset-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void linkTypeLinksetGivesALinksetValidUnderGs1sSchema() throws Exception {
        HttpResponse<Buffer> r = get(item(0) + "?linkType=linkset", null);
        assertEquals(200, r.statusCode());
        assertEquals("application/linkset+json", r.getHeader("content-type"));
        var errors = gs1LinksetSchema().validate(new ObjectMapper().readTree(r.body().getBytes()));
        assertTrue(errors.isEmpty(), () -> errors + " in " + r.bodyAsString());
        assertEquals(r.bodyAsJsonObject(), get(item(0) + "?linkType=all", null).bodyAsJsonObject(),
                "the older name gives the same linkset");
        JsonObject set = r.bodyAsJsonObject().getJsonArray("linkset").getJsonObject(0);
        assertEquals(f.api.base() + item(0), set.getString("anchor"));
        assertTrue(!set.getString("itemDescription").isBlank(), set.encode());
        assertTrue(set.containsKey("https://gs1.org/voc/pip"));
        assertTrue(set.containsKey("https://gs1.org/voc/traceability"));
        assertTrue(set.containsKey("https://gs1.org/voc/defaultLink"));
        // the evidence document: what anyone holding the code may check (bundles of events need a token)
        String evidence = set.getJsonArray("https://gs1.org/voc/verificationService").getJsonObject(0).getString("href");
        assertTrue(evidence.startsWith(f.api.base() + "/v1/evidence/"), evidence);
        assertEquals(200, get(evidence.substring(f.api.base().length()), null).statusCode());
        assertEquals("application/linkset+json", get(item(0), "application/linkset+json").getHeader("content-type"));
        assertTrue(get(item(0) + "?linkType=gs1:pip", "application/json").getHeader("content-type").startsWith("text/html"));
        assertEquals("application/json", get(item(0) + "?linkType=gs1:unknownType", "application/json").getHeader("content-type"));
        String metrics = f.api.client().get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
        assertTrue(metrics.contains("pt_resolver_lookups_total{representation=\"linkset\",status=\"200\"}"), metrics);
    }

    @Test
    void badCheckDigitIs400() throws Exception {
        String wrong = ColdChainFixture.GTIN.substring(0, 13) + ((ColdChainFixture.GTIN.charAt(13) - '0' + 1) % 10);
        assertProblem(get("/01/" + wrong, "application/json"), 400, "check digit");
        assertProblem(get("/01/12345", "application/json"), 400, "gtin");
    }

    @Test
    void wrongQualifierOrderIs400() throws Exception {
        String path = "/01/" + ColdChainFixture.GTIN + "/21/" + f.demo.serials().get(0) + "/10/" + ColdChainFixture.LOT;
        assertProblem(get(path, "application/json"), 400, "AI 10 (lot) must come once, before AI 21 (serial)");
        assertProblem(get("/01/" + ColdChainFixture.GTIN + "/99/x", null), 400, "AI 99");
    }

    @Test
    void itemWithoutItsLotRedirectsToTheFullLink() throws Exception {
        HttpResponse<Buffer> r = get("/01/" + ColdChainFixture.GTIN + "/21/" + f.demo.serials().get(0) + "?linkType=all", null);
        assertEquals(301, r.statusCode());
        assertEquals(item(0) + "?linkType=all", r.getHeader("location"));
    }

    @Test
    void shortGtinRedirectsToFourteenDigits() throws Exception {
        String gtin13 = ColdChainFixture.GTIN.substring(1);
        HttpResponse<Buffer> r = get("/01/" + gtin13 + "/10/" + ColdChainFixture.LOT + "?lang=zh", "text/html");
        assertEquals(301, r.statusCode());
        assertEquals("/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT + "?lang=zh", r.getHeader("location"));
        HttpResponse<Buffer> lot = get(r.getHeader("location"), "application/json");
        assertEquals(200, lot.statusCode(), lot.bodyAsString());
        assertEquals(ColdChainFixture.LOT, lot.bodyAsJsonObject().getJsonObject("lot").getString("lot"));
        assertEquals(4, lot.bodyAsJsonObject().getJsonArray("events").size());
        HttpResponse<Buffer> lotPage = get(r.getHeader("location"), "text/html");
        assertEquals(200, lotPage.statusCode());
        assertTrue(lotPage.bodyAsString().contains("lang=\"zh\""));
        HttpResponse<Buffer> productPage = get("/01/" + ColdChainFixture.GTIN, "text/html");
        assertEquals(200, productPage.statusCode());
        assertTrue(productPage.bodyAsString().contains("2–8 °C"), productPage.bodyAsString());
    }

    @Test
    void unknownCodesAre404AsProblemOrPage() throws Exception {
        String unknown = "0400000000000" + Gtin.checkDigit("0400000000000");
        assertProblem(get("/01/" + unknown, "application/json"), 404, "no product with GTIN " + unknown);
        HttpResponse<Buffer> page = get("/01/" + unknown + "/10/L1/21/S1", "text/html");
        assertEquals(404, page.statusCode());
        assertTrue(page.getHeader("content-type").startsWith("text/html"));
        assertTrue(page.bodyAsString().contains("This code is not known here."));
        assertProblem(get("/01/" + ColdChainFixture.GTIN + "/10/NOPE/21/" + f.demo.serials().get(0), null), 404, "not in lot 'NOPE'");
        assertProblem(get("/cn/00000000000000000000", null), 404, "China drug code");
    }

    @Test
    void retiredItemIs410() throws Exception {
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link, status) VALUES (?, 'RETIRED1', ?, 'x', 'retired')",
                ColdChainFixture.GTIN, ColdChainFixture.LOT);
        String path = "/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT + "/21/RETIRED1";
        assertProblem(get(path, "application/json"), 410, "withdrawn");
        HttpResponse<Buffer> page = get(path, "text/html");
        assertEquals(410, page.statusCode());
        assertTrue(page.bodyAsString().contains("id=\"pt-gone\""));
    }

    @Test
    void chinaDrugCodeResolvesToItsItem() throws Exception {
        HttpResponse<Buffer> r = get("/cn/" + f.demo.chinaCode(), "application/json");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(f.demo.serials().get(0), r.bodyAsJsonObject().getJsonObject("item").getString("serial"));
        assertEquals(f.api.base() + item(0), r.bodyAsJsonObject().getString("canonical"));
        assertEquals(200, get("/cn/" + f.demo.chinaCode(), "text/html").statusCode());
        assertProblem(get("/cn/123", null), 400, "code");
    }

    @Test
    void matchingETagIs304() throws Exception {
        HttpResponse<Buffer> first = get(item(2), "application/json");
        String etag = first.getHeader("etag");
        assertTrue(etag.startsWith("W/\""), etag);
        HttpResponse<Buffer> again = f.api.client().request(HttpMethod.GET, item(2)).putHeader("accept", "application/json")
                .putHeader("if-none-match", etag).send().await(20, TimeUnit.SECONDS);
        assertEquals(304, again.statusCode());
        assertEquals(etag, again.getHeader("etag"));
        // the page is another representation with another tag
        HttpResponse<Buffer> page = f.api.client().request(HttpMethod.GET, item(2)).putHeader("accept", "text/html")
                .putHeader("if-none-match", etag).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, page.statusCode());
    }

    @Test
    void productNamesAreEscaped() throws Exception {
        String gtin = "0400000000001" + Gtin.checkDigit("0400000000001");
        f.sql("INSERT INTO product (gtin, org_id, name) VALUES (?, ?, ?)", gtin, ColdChainFixture.MAKER,
                "<script>alert('x')</script>\"><img src=x onerror=alert(1)>");
        f.sql("INSERT INTO lot (gtin, lot, org_id) VALUES (?, 'L<b>', ?)", gtin, ColdChainFixture.MAKER);
        HttpResponse<Buffer> r = get("/01/" + gtin + "/10/L%3Cb%3E", "text/html");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    }

    @Test
    void scansAreCountedAndSuspiciousOnesFlagged() throws Exception {
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link, status, dispensed_at) "
                + "VALUES (?, 'DISP1', ?, 'x', 'dispensed', now() - interval '1 day')", ColdChainFixture.GTIN, ColdChainFixture.LOT);
        String path = "/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT + "/21/DISP1";
        JsonObject last = null;
        for (String region : new String[] {"CN", "DE", "US"}) {
            last = f.api.client().request(HttpMethod.GET, path).putHeader("accept", "application/json")
                    .putHeader("cf-ipcountry", region).send().await(20, TimeUnit.SECONDS).bodyAsJsonObject();
        }
        JsonObject scans = last.getJsonObject("scans");
        assertEquals(3, scans.getLong("count"));
        assertEquals(3, scans.getLong("regions"));
        assertEquals(3, scans.getLong("afterDispensing"));
        JsonArray warnings = last.getJsonArray("warnings");
        assertEquals("scanned-after-dispensing", warnings.getJsonObject(0).getString("code"));
        assertEquals("many-regions", warnings.getJsonObject(1).getString("code"));
        String html = f.api.client().request(HttpMethod.GET, path).putHeader("accept", "text/html")
                .send().await(20, TimeUnit.SECONDS).bodyAsString();
        assertTrue(html.contains("checked 4 times since"), html);
        assertTrue(html.contains("was dispensed on"), html);
        // written by the scan log's own thread within its flush interval
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            try (var c = f.api.db().connection(); var st = c.prepareStatement(
                    "SELECT count(*) FROM scan WHERE serial = 'DISP1'"); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 4;
            }
        });
        try (var c = f.api.db().connection(); var st = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE region = 'unknown') FROM scan WHERE serial = 'DISP1'"); var rs = st.executeQuery()) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    @Test
    void expiryInTheLinkIsCheckedAgainstTheLot() throws Exception {
        JsonObject ok = get(item(0) + "?17=" + expiry(0), "application/json").bodyAsJsonObject();
        assertTrue(ok.getJsonArray("warnings").isEmpty(), ok.getJsonArray("warnings").encode());
        JsonObject off = get(item(0) + "?17=" + expiry(1), "application/json").bodyAsJsonObject();
        assertEquals("expiry-mismatch", off.getJsonArray("warnings").getJsonObject(0).getString("code"));
        assertProblem(get(item(0) + "?17=261399", "application/json"), 400, "not a date");
        assertEquals(400, get(item(0) + "?17=2613", "application/json").statusCode());
    }

    private static String expiry(int plusDays) throws Exception {
        try (var c = f.api.db().connection(); var st = c.prepareStatement(
                "SELECT to_char(expires_on + ?, 'YYMMDD') FROM lot WHERE gtin = ? AND lot = ?")) {
            st.setInt(1, plusDays);
            st.setString(2, ColdChainFixture.GTIN);
            st.setString(3, ColdChainFixture.LOT);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void serverCheckOfAProofBundle() throws Exception {
        String path = "/v1/proofs/" + f.demo.commissioningDevice() + "/" + f.demo.commissioningSeq() + "/verification";
        HttpResponse<Buffer> owner = f.api.request(HttpMethod.GET, path, f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER))
                .send().await(20, TimeUnit.SECONDS);
        JsonObject r = owner.bodyAsJsonObject();
        assertTrue(r.getBoolean("verified"), r.encodePrettily());
        assertEquals(ConsumerFixture.ORIGIN, r.getString("logKey"));
        // an event's check says nothing without a token: the same answer as for an envelope that does not exist
        HttpResponse<Buffer> anonymous = get(path, null);
        HttpResponse<Buffer> nobody = get("/v1/proofs/" + f.demo.commissioningDevice() + "/1/verification", null);
        assertProblem(anonymous, 404, "no anchored envelope you may read");
        assertEquals(nobody.bodyAsJsonObject().getString("detail"), anonymous.bodyAsJsonObject().getString("detail"));
    }

    @Test
    void excursionsForRegulatorsAndTheOwningCompany() throws Exception {
        HttpResponse<Buffer> reg = f.api.request(HttpMethod.GET, "/v1/excursions?product=" + ColdChainFixture.GTIN,
                f.api.token(ApiRole.REGULATOR, null)).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, reg.statusCode(), reg.bodyAsString());
        JsonArray list = reg.bodyAsJsonObject().getJsonArray("excursions");
        assertEquals(1, list.size(), list.encodePrettily());
        JsonObject x = list.getJsonObject(0);
        assertEquals(25.0, x.getDouble("durationMinutes"));
        assertEquals("ccdemo-reefer-7", x.getString("device"));
        assertEquals(ColdChainFixture.LOT, x.getJsonArray("lots").getJsonObject(0).getString("lot"));
        HttpResponse<Buffer> own = f.api.request(HttpMethod.GET, "/v1/excursions", f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(1, own.bodyAsJsonObject().getJsonArray("excursions").size(), own.bodyAsString());
        HttpResponse<Buffer> other = f.api.request(HttpMethod.GET, "/v1/excursions", f.api.token(ApiRole.COMPANY, "someone-else"))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(0, other.bodyAsJsonObject().getJsonArray("excursions").size());
        HttpResponse<Buffer> forbidden = f.api.request(HttpMethod.GET, "/v1/excursions?org=" + ColdChainFixture.MAKER,
                f.api.token(ApiRole.COMPANY, "someone-else")).send().await(20, TimeUnit.SECONDS);
        assertEquals(403, forbidden.statusCode());
        HttpResponse<Buffer> later = f.api.request(HttpMethod.GET, "/v1/excursions?from=2999-01-01T00:00:00Z",
                f.api.token(ApiRole.REGULATOR, null)).send().await(20, TimeUnit.SECONDS);
        assertEquals(0, later.bodyAsJsonObject().getJsonArray("excursions").size());
        assertEquals(401, f.api.request(HttpMethod.GET, "/v1/excursions", null).send().await(20, TimeUnit.SECONDS).statusCode());
    }

    /** An event row as EPCIS capture stores it (no envelope), with its EPC index rows. */
    private static void event(String id, String type, String at, String bizStep, String location, String doc,
                              String... epcRoles) throws Exception {
        f.sql("INSERT INTO epcis_event (event_id, org_id, event_type, action, event_time, event_time_zone_offset, biz_step, "
                + "biz_location, doc) VALUES (?, ?, ?, 'ADD', ?::timestamptz, '+08:00', ?, ?, ?::jsonb)",
                id, ColdChainFixture.MAKER, type, at, bizStep, location, doc);
        for (int i = 0; i < epcRoles.length; i += 2) {
            f.sql("INSERT INTO event_epc (event_id, epc, epc_key, role) SELECT id, ?, ?, ? FROM epcis_event WHERE event_id = ?",
                    epcRoles[i], EpcKey.of(epcRoles[i]), epcRoles[i + 1], id);
        }
    }

    @Test
    void produceShowsItsFarmInputsAndUnpackedContainersStopCounting() throws Exception {
        String gtin = "0690123400002" + Gtin.checkDigit("0690123400002");
        f.sql("INSERT INTO product (gtin, org_id, name, category) VALUES (?, ?, 'Rice 5 kg', 'produce')", gtin, ColdChainFixture.MAKER);
        f.sql("INSERT INTO lot (gtin, lot, org_id) VALUES (?, 'R1', ?)", gtin, ColdChainFixture.MAKER);
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link) VALUES (?, 'BAG1', 'R1', 'x')", gtin);
        String paddy = "urn:epc:class:lgtin:6901234.000009.FIELD7";
        String riceLot = "urn:epc:class:lgtin:6901234.000002.R1";
        String bag = "urn:epc:id:sgtin:6901234.000002.BAG1"; // the URN form, 7-digit company prefix
        String crate = "https://id.gs1.org/00/069012340000000028";
        event("p-plant", "ObjectEvent", "2026-04-01T08:00:00Z", "planting", "urn:field:7", "{}", paddy, "quantity");
        event("p-spray", "ObjectEvent", "2026-05-01T08:00:00Z", "applying", "urn:field:7", "{}", paddy, "quantity");
        event("p-harvest", "ObjectEvent", "2026-08-01T08:00:00Z", "harvesting", "urn:field:7", "{}", paddy, "quantity");
        event("p-mill", "TransformationEvent", "2026-08-05T08:00:00Z", "creating_class_instance", "urn:mill:1",
                "{\"inputQuantityList\":[{\"epcClass\":\"" + paddy + "\"}],\"outputQuantityList\":[{\"epcClass\":\"" + riceLot + "\"}]}",
                // the rows the writer derives from that document: each class as quantity and as input or output
                paddy, "quantity", paddy, "input", riceLot, "quantity", riceLot, "output");
        event("p-later-paddy", "ObjectEvent", "2026-09-01T08:00:00Z", "harvesting", "urn:field:7", "{}", paddy, "quantity");
        event("p-pack", "AggregationEvent", "2026-08-06T08:00:00Z", "packing", "urn:mill:1", "{}", crate, "parent", bag, "child");
        event("p-ship", "ObjectEvent", "2026-08-07T08:00:00Z", "shipping", "urn:truck:2", "{}", crate, "epc");
        event("p-unpack", "AggregationEvent", "2026-08-08T08:00:00Z", "unpacking", "urn:shop:3", "{}", crate, "parent");
        f.sql("UPDATE epcis_event SET action = 'DELETE' WHERE event_id = 'p-unpack'");
        event("p-crate-reused", "ObjectEvent", "2026-08-20T08:00:00Z", "shipping", "urn:truck:9", "{}", crate, "epc");

        JsonObject body = get("/01/" + gtin + "/10/R1/21/BAG1", "application/json").bodyAsJsonObject();
        java.util.List<String> steps = new java.util.ArrayList<>();
        java.util.List<String> via = new java.util.ArrayList<>();
        body.getJsonArray("events").forEach(e -> {
            steps.add(((JsonObject) e).getString("eventID"));
            via.add(((JsonObject) e).getString("via"));
        });
        assertEquals(java.util.List.of("p-plant", "p-spray", "p-harvest", "p-mill", "p-pack", "p-ship", "p-unpack"), steps);
        assertEquals(java.util.List.of("input", "input", "input", "lot", "item", "container", "container"), via);
        // custody starts with the product itself, at the mill, not on the field
        assertEquals("urn:mill:1", body.getJsonArray("custody").getJsonObject(0).getString("location"));
        assertEquals("no-data", body.getJsonObject("coldChain").getString("verdict"));
    }

    @Test
    void tooManyLookupsAre429WithRetryAfter() throws Exception {
        try (ApiHarness limited = ApiHarness.start(vertx, Map.of(ResolverSettings.RATE, "3"))) {
            String path = "/01/0400000000000" + Gtin.checkDigit("0400000000000");
            for (int i = 0; i < 3; i++) {
                assertEquals(404, limited.client().get(path).send().await(20, TimeUnit.SECONDS).statusCode());
            }
            HttpResponse<Buffer> r = limited.client().get(path).send().await(20, TimeUnit.SECONDS);
            assertProblem(r, 429, "at most 3 a minute");
            assertTrue(Long.parseLong(r.getHeader("retry-after")) >= 1);
        }
    }
}
