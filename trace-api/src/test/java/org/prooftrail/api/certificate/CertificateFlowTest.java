package org.prooftrail.api.certificate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/**
 * Certificates end to end over HTTP on a real PostgreSQL: two farms certify their harvest lots, a packer
 * records receiving one, mixes both lots into a lot (EPCIS TransformationEvent) and repacks that into
 * packs (a second one); the pack's consumer page and provenance JSON list both farms' certificates.
 */
class CertificateFlowTest {
    static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    // GTINs with valid check digits: two farms' greens and the packer's mix
    static final String GREENS_A = "06901234000016";
    static final String GREENS_B = "06907777000018";
    static final String MIX = "06905555000014";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String coopA;
    private static String coopB;
    private static String packer;
    private static String certA;
    private static String certB;
    private static String packPath;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        String admin = api.token(ApiRole.ADMIN, null);
        coopA = api.token(ApiRole.COMPANY, "coop-a");
        coopB = api.token(ApiRole.COMPANY, "coop-b");
        packer = api.token(ApiRole.COMPANY, "packer");
        for (String org : List.of("coop-a", "coop-b", "packer")) {
            ok(send(HttpMethod.POST, "/v1/orgs", admin, new JsonObject().put("id", org).put("name", org)), 201);
        }
        product(coopA, GREENS_A, "上海青", "H1");
        product(coopB, GREENS_B, "小白菜", "B1");
        product(packer, MIX, "什锦青菜", "MIX1");
        ok(send(HttpMethod.POST, "/v1/products/" + MIX + "/lots", packer, new JsonObject().put("lot", "PACK1")), 201);
        HttpResponse<Buffer> items = send(HttpMethod.POST, "/v1/products/" + MIX + "/lots/PACK1/items", packer,
                new JsonObject().put("count", 1));
        ok(items, 201);
        packPath = "/01/" + MIX + "/10/PACK1/21/" + items.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("serial");

        HttpResponse<Buffer> a = send(HttpMethod.POST, "/v1/certificates", coopA, request(GREENS_A, "H1", "浙江省杭州市余杭区径山镇"));
        ok(a, 201);
        certA = a.bodyAsJsonObject().getString("id");
        assertEquals("/v1/certificates/" + certA, a.getHeader("Location"));
        HttpResponse<Buffer> b = send(HttpMethod.POST, "/v1/certificates", coopB, request(GREENS_B, "B1", "江苏省苏州市吴中区"));
        ok(b, 201);
        certB = b.bodyAsJsonObject().getString("id");

        // the packer mixes both harvests into MIX1 (the farms' lots as LGTIN classes and as a Digital Link),
        // then repacks MIX1 into PACK1: the pack's certificates come through two transformations
        capture(packer, new JsonArray()
                .add(transformation("urn:uuid:6f1c0d2e-0000-4000-8000-000000000001", "2026-03-02T08:00:00Z",
                        new JsonArray().add(lgtin("6901234", GREENS_A, "H1"))
                                .add("https://id.gs1.org/01/" + GREENS_B + "/10/B1"),
                        lgtin("6905555", MIX, "MIX1")))
                .add(transformation("urn:uuid:6f1c0d2e-0000-4000-8000-000000000002", "2026-03-02T09:00:00Z",
                        new JsonArray().add(lgtin("6905555", MIX, "MIX1")), lgtin("6905555", MIX, "PACK1"))));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aPackMadeFromCertifiedHarvestsShowsTheirCertificatesInJsonAndOnThePage() throws Exception {
        HttpResponse<Buffer> json = api.request(HttpMethod.GET, packPath, null).putHeader("accept", "application/json")
                .send().await(30, TimeUnit.SECONDS);
        ok(json, 200);
        JsonArray certs = json.bodyAsJsonObject().getJsonArray("certificates");
        assertEquals(Set.of(certA, certB), certs.stream().map(c -> ((JsonObject) c).getString("id")).collect(Collectors.toSet()));
        for (Object o : certs) {
            JsonObject c = (JsonObject) o;
            assertEquals("input", c.getString("appliesVia"));
            assertEquals(3, c.getJsonArray("commitments").size());
            c.getJsonArray("commitments").forEach(k -> assertTrue(((JsonObject) k).getBoolean("affirmed")));
            assertEquals("承诺达标合格证", c.getJsonObject("title").getString("zh"));
        }
        JsonObject a = certs.stream().map(c -> (JsonObject) c).filter(c -> c.getString("id").equals(certA)).findFirst().orElseThrow();
        assertEquals("H1", a.getJsonObject("certifiedLot").getString("lot"));
        assertEquals("浙江省杭州市余杭区径山镇", a.getString("origin"));
        // the basis in the template's order, each in both languages
        assertEquals(List.of("质量安全控制符合要求", "自行检测合格"), a.getJsonArray("basis").stream()
                .map(x -> ((JsonObject) x).getString("zh")).toList());

        String zh = page(packPath + "?lang=zh");
        assertTrue(zh.contains("id=\"pt-certificates\""), zh);
        assertTrue(zh.contains("浙江省杭州市余杭区径山镇") && zh.contains("江苏省苏州市吴中区"), zh);
        assertTrue(zh.contains("来自原料批次 H1") && zh.contains("遵守农药安全间隔期、兽药休药期规定"), zh);
        assertTrue(zh.contains("/v1/certificates/" + certA), zh);
        String en = page(packPath + "?lang=en");
        assertTrue(en.contains("Compliance certificates") && en.contains("from input lot B1"), en);
    }

    @Test
    void theHarvestLotShowsItsOwnCertificateAndAnUncertifiedLotNone() throws Exception {
        JsonObject lot = getJson("/01/" + GREENS_A + "/10/H1");
        JsonArray certs = lot.getJsonArray("certificates");
        assertEquals(1, certs.size());
        assertEquals("lot", certs.getJsonObject(0).getString("appliesVia"));
        // the packer's intermediate lot before any of this: a lot that nothing certifies lists none
        ok(send(HttpMethod.POST, "/v1/products/" + MIX + "/lots", packer, new JsonObject().put("lot", "LONE")), 201);
        assertTrue(getJson("/01/" + MIX + "/10/LONE").getJsonArray("certificates").isEmpty());
    }

    @Test
    void mislabelledEventsThatMakeACycleStillEndTheWalkAndListEachCertificateOnce() throws Exception {
        for (String lot : List.of("CYC1", "CYC2")) {
            ok(send(HttpMethod.POST, "/v1/products/" + MIX + "/lots", packer, new JsonObject().put("lot", lot)), 201);
        }
        // CYC1 from H1 and from CYC2, CYC2 from CYC1 (and from H1 again, by another path)
        capture(packer, new JsonArray()
                .add(transformation("urn:uuid:6f1c0d2e-0000-4000-8000-000000000011", "2026-03-03T08:00:00Z",
                        new JsonArray().add(lgtin("6901234", GREENS_A, "H1")).add(lgtin("6905555", MIX, "CYC2")),
                        lgtin("6905555", MIX, "CYC1")))
                .add(transformation("urn:uuid:6f1c0d2e-0000-4000-8000-000000000012", "2026-03-03T09:00:00Z",
                        new JsonArray().add(lgtin("6905555", MIX, "CYC1")).add("https://id.gs1.org/01/" + GREENS_A + "/10/H1"),
                        lgtin("6905555", MIX, "CYC2"))));
        JsonArray certs = getJson("/01/" + MIX + "/10/CYC2").getJsonArray("certificates");
        assertEquals(List.of(certA), certs.stream().map(c -> ((JsonObject) c).getString("id")).toList());
    }

    @Test
    void theCertificateIsASignedEventWithAPublicPageAndReceipts() throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/v1/certificates/" + certA, null).send().await(30, TimeUnit.SECONDS);
        ok(r, 200);
        JsonObject c = r.bodyAsJsonObject();
        assertEquals("coop-a", c.getString("issuer"));
        assertEquals("合作社 A", c.getJsonObject("producer").getString("name"));
        assertTrue(c.getString("proof").startsWith("/v1/proofs/coop-a.epcis-api/"), c.encode());
        // the same event as EPCIS capture stores: queryable, with the certificate as its extension member
        HttpResponse<Buffer> event = api.request(HttpMethod.GET, "/epcis/events/"
                + URLEncoder.encode(c.getString("eventID"), StandardCharsets.UTF_8), coopA).send().await(30, TimeUnit.SECONDS);
        ok(event, 200);
        JsonObject e = event.bodyAsJsonObject();
        assertEquals(certA, e.getJsonObject("pt:commitmentCertificate").getString("id"));
        assertTrue(e.getString("certificationInfo").endsWith("/v1/certificates/" + certA), e.encode());

        HttpResponse<Buffer> received = send(HttpMethod.POST, "/v1/certificates/" + certA + "/receipts", packer,
                new JsonObject().put("receivedAt", "2026-03-02T07:30:00Z"));
        ok(received, 201);
        JsonArray receipts = received.bodyAsJsonObject().getJsonArray("receipts");
        assertEquals("packer", receipts.getJsonObject(receipts.size() - 1).getString("org"));
        HttpResponse<Buffer> receivingEvent = api.request(HttpMethod.GET, "/epcis/events/" + URLEncoder.encode(
                receipts.getJsonObject(receipts.size() - 1).getString("eventID"), StandardCharsets.UTF_8), packer)
                .send().await(30, TimeUnit.SECONDS);
        ok(receivingEvent, 200);
        assertEquals("receiving", receivingEvent.bodyAsJsonObject().getString("bizStep"));

        HttpResponse<Buffer> pageResponse = api.request(HttpMethod.GET, "/v1/certificates/" + certA, null)
                .putHeader("accept", "text/html").send().await(30, TimeUnit.SECONDS);
        ok(pageResponse, 200);
        String html = pageResponse.bodyAsString();
        assertTrue(html.contains("承诺达标合格证") && html.contains("上海青") && html.contains("packer"), html);
        String csp = pageResponse.getHeader("content-security-policy");
        String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");
        assertTrue(csp.startsWith("default-src 'none'") && html.contains("<style nonce=\"" + nonce + "\">"), csp);
        assertFalse(c.getString("keptUntilAtLeast").isEmpty());
        ok(send(HttpMethod.POST, "/v1/certificates/0000000000000000/receipts", packer, new JsonObject()), 404);

        // anchored: the page's proof link answers anyone (the certificate is public), a receipt's event only its owner
        org.prooftrail.anchor.AnchorStep.once(api.db().dataSource(), "test.prooftrail/log",
                org.prooftrail.core.crypto.SigningKey.generate(org.prooftrail.core.crypto.SignatureAlgorithm.EdDSA), "sha256");
        ok(api.request(HttpMethod.GET, c.getString("proof"), null).send().await(30, TimeUnit.SECONDS), 200);
        String receiptProof;
        try (var conn = api.db().connection(); var st = conn.prepareStatement("SELECT v.device_id, v.seq FROM epcis_event e "
                + "JOIN envelope v ON v.id = e.envelope_id WHERE e.event_id = ?")) {
            st.setString(1, receipts.getJsonObject(receipts.size() - 1).getString("eventID"));
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next());
                receiptProof = "/v1/proofs/" + rs.getString(1) + "/" + rs.getLong(2);
            }
        }
        ok(api.request(HttpMethod.GET, receiptProof, null).send().await(30, TimeUnit.SECONDS), 404);
        ok(api.request(HttpMethod.GET, receiptProof, packer).send().await(30, TimeUnit.SECONDS), 200);
    }

    @Test
    void labelsArePngAndPdfForTheIssuerOnly() throws Exception {
        HttpResponse<Buffer> png = api.request(HttpMethod.GET, "/v1/certificates/" + certA + "/label?format=png", coopA)
                .send().await(30, TimeUnit.SECONDS);
        ok(png, 200);
        assertEquals("image/png", png.getHeader("content-type"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
        assertEquals(1181, image.getWidth()); // 100 mm at 300 dpi
        assertEquals(827, image.getHeight());
        assertTrue(darkPixels(image) > 10_000, "the label has text and a QR code");

        HttpResponse<Buffer> pdf = api.request(HttpMethod.GET, "/v1/certificates/" + certA + "/label?format=pdf", coopA)
                .send().await(30, TimeUnit.SECONDS);
        ok(pdf, 200);
        assertEquals("application/pdf", pdf.getHeader("content-type"));
        String bytes = pdf.body().toString(StandardCharsets.ISO_8859_1);
        assertTrue(bytes.startsWith("%PDF-") && bytes.trim().endsWith("%%EOF"));
        if (CertificateSettings.from(org.prooftrail.core.config.Settings.of(Map.of())).fontFile().isPresent()) {
            assertTrue(bytes.contains("/FontFile2"), "the CJK font is embedded");
            String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(
                    pdf.body().getBytes())).getTextFromPage(1);
            assertTrue(text.contains("承诺达标合格证") && text.contains("浙江省杭州市余杭区径山镇") && text.contains(certA), text);
        }

        ok(api.request(HttpMethod.GET, "/v1/certificates/" + certA + "/label", coopB).send().await(30, TimeUnit.SECONDS), 404);
        ok(api.request(HttpMethod.GET, "/v1/certificates/" + certA + "/label", null).send().await(30, TimeUnit.SECONDS), 401);
    }

    @Test
    void certificatesAreListedNewestFirstForTheirIssuerAndRegulators() throws Exception {
        String regulator = api.token(ApiRole.REGULATOR, null);
        assertEquals(List.of(certA), ids(send(HttpMethod.GET, "/v1/certificates", coopA, null)));
        assertEquals(List.of(), ids(send(HttpMethod.GET, "/v1/certificates", packer, null)), "the packer issued none");
        assertEquals(List.of(), ids(send(HttpMethod.GET, "/v1/certificates?gtin=" + GREENS_B, coopA, null)),
                "only its own, whatever it asks for");
        assertEquals(List.of(certB, certA), ids(send(HttpMethod.GET, "/v1/certificates", regulator, null)));
        HttpResponse<Buffer> first = send(HttpMethod.GET, "/v1/certificates?limit=1", regulator, null);
        assertEquals(certB, first.bodyAsJsonObject().getString("next"));
        assertEquals(List.of(certA), ids(send(HttpMethod.GET, "/v1/certificates?limit=1&before=" + certB, regulator, null)));
        assertEquals(List.of(certB), ids(send(HttpMethod.GET, "/v1/certificates?gtin=" + GREENS_B + "&lot=B1", regulator, null)));
        JsonObject listed = send(HttpMethod.GET, "/v1/certificates", coopA, null).bodyAsJsonObject().getJsonArray("certificates")
                .getJsonObject(0);
        assertEquals("上海青", listed.getString("productName"));
        assertTrue(listed.containsKey("receiptCount") && listed.containsKey("recordedAt"), listed.encode());
        assertEquals(401, send(HttpMethod.GET, "/v1/certificates", null, null).statusCode());
    }

    private static List<String> ids(HttpResponse<Buffer> r) {
        ok(r, 200);
        return r.bodyAsJsonObject().getJsonArray("certificates").stream().map(c -> ((JsonObject) c).getString("id")).toList();
    }

    @Test
    void refusalsNameTheFieldAtFault() throws Exception {
        JsonObject missing = request(GREENS_A, "H1", "x");
        missing.getJsonObject("commitments").remove("withdrawalPeriodsKept");
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, missing), 422, "commitments.withdrawalPeriodsKept",
                "is missing; it must be true");
        JsonObject denied = request(GREENS_A, "H1", "x");
        denied.getJsonObject("commitments").put("residuesWithinLimits", false);
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, denied), 422, "commitments.residuesWithinLimits", "is false");
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, request("06900000000014", "H1", "x")), 422, "gtin",
                "no product with GTIN 06900000000014 is registered");
        problem(send(HttpMethod.POST, "/v1/certificates", coopB, request(GREENS_A, "H1", "x")), 403, "lot",
                "belongs to organisation 'coop-a'");
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, request(GREENS_A, "H9", "x")), 422, "lot", "is not registered");
        JsonObject noBasis = request(GREENS_A, "H1", "x").put("basis", new JsonArray());
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, noBasis), 422, "basis", "one or more of");
        JsonObject future = request(GREENS_A, "H1", "x").put("issuedOn", LocalDate.now(ZoneOffset.ofHours(8)).plusDays(2).toString());
        problem(send(HttpMethod.POST, "/v1/certificates", coopA, future), 422, "issuedOn", "is after today");
        problem(send(HttpMethod.POST, "/v1/certificates", null, request(GREENS_A, "H1", "x")), 401, null, "");
    }

    // ------------------------------------------------------------------ helpers

    static JsonObject request(String gtin, String lot, String origin) {
        return new JsonObject().put("gtin", gtin).put("lot", lot).put("quantity", 500).put("unit", "kg").put("origin", origin)
                .put("producer", new JsonObject().put("name", gtin.equals(GREENS_A) ? "合作社 A" : "合作社 B")
                        .put("contact", "0571-88880000"))
                .put("issuedOn", "2026-03-01")
                .put("commitments", new JsonObject().put("noBannedPesticidesOrVeterinaryDrugs", true)
                        .put("withdrawalPeriodsKept", true).put("residuesWithinLimits", true))
                .put("basis", new JsonArray().add("selfCheck").add("internalQualityControl"));
    }

    private static void product(String token, String gtin, String name, String lot) throws Exception {
        ok(send(HttpMethod.POST, "/v1/products", token, new JsonObject().put("gtin", gtin).put("name", name)
                .put("category", "produce")), 201);
        ok(send(HttpMethod.POST, "/v1/products/" + gtin + "/lots", token, new JsonObject().put("lot", lot)), 201);
    }

    /** An LGTIN class URN with the given company prefix (its length decides the split). */
    private static String lgtin(String prefix, String gtin, String lot) {
        String itemRef = gtin.charAt(0) + gtin.substring(1 + prefix.length(), 13);
        return "urn:epc:class:lgtin:" + prefix + "." + itemRef + "." + lot;
    }

    private static JsonObject transformation(String id, String time, JsonArray inputs, String output) {
        JsonArray in = new JsonArray();
        inputs.forEach(i -> in.add(new JsonObject().put("epcClass", i).put("quantity", 250).put("uom", "KGM")));
        return new JsonObject().put("type", "TransformationEvent").put("eventID", id).put("eventTime", time)
                .put("eventTimeZoneOffset", "+08:00").put("inputQuantityList", in)
                .put("outputQuantityList", new JsonArray().add(new JsonObject().put("epcClass", output)
                        .put("quantity", 500).put("uom", "KGM")))
                .put("bizStep", "commissioning").put("disposition", "active");
    }

    private static void capture(String token, JsonArray events) throws Exception {
        JsonObject doc = new JsonObject().put("@context", new JsonArray().add(CONTEXT)).put("type", "EPCISDocument")
                .put("schemaVersion", "2.0").put("creationDate", "2026-03-02T10:00:00Z")
                .put("epcisBody", new JsonObject().put("eventList", events));
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/epcis/capture", token)
                .putHeader("content-type", "application/ld+json").sendBuffer(doc.toBuffer()).await(30, TimeUnit.SECONDS);
        ok(r, 202);
        String location = r.getHeader("Location");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonObject job = api.request(HttpMethod.GET, location, token).send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
            assertTrue(job.getBoolean("success", true), job.encode());
            return !job.getBoolean("running");
        });
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) throws Exception {
        return api.request(method, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS);
    }

    private static JsonObject getJson(String path) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, path, null).putHeader("accept", "application/json")
                .send().await(30, TimeUnit.SECONDS);
        ok(r, 200);
        return r.bodyAsJsonObject();
    }

    private static String page(String path) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, path, null).putHeader("accept", "text/html")
                .send().await(30, TimeUnit.SECONDS);
        ok(r, 200);
        return r.bodyAsString();
    }

    private static void ok(HttpResponse<Buffer> r, int status) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
    }

    private static void problem(HttpResponse<Buffer> r, int status, String field, String detail) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        JsonObject p = r.bodyAsJsonObject();
        assertTrue(p.getString("detail").contains(detail), p.encode());
        if (field != null) {
            assertEquals(field, p.getString("field"), p.encode());
        }
    }

    private static int darkPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
