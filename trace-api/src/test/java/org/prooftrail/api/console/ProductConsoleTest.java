package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The product and lot pages over real HTTP: a company registers, edits and retires its products and lots
 * through the forms (with the session's CSRF token), issues codes and downloads labels and codes; another
 * company neither sees nor changes them; a regulator reads every organisation's and gets no forms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String GTIN = "09506000134352";
    private static final String LOT = "L-2026/11";
    private static final String LOT_PAGE = "/console/lots/" + GTIN + "/L-2026%2F11";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static ConsoleHarness.Client pharma;
    private static ConsoleHarness.Client farm;
    private static ConsoleHarness.Client inspector;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("ops@pharma-a", ApiRole.COMPANY, "pharma-a", PASSWORD);
        console.account("ops@farm-b", ApiRole.COMPANY, "farm-b", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        pharma = console.signIn("ops@pharma-a", PASSWORD);
        farm = console.signIn("ops@farm-b", PASSWORD);
        inspector = console.signIn("inspector", PASSWORD);
        HttpResponse<Buffer> apples = farm.post("/console/products", form("gtin", "04006381333931", "name", "Apples",
                "category", "produce"));
        assertEquals(303, apples.statusCode(), apples.bodyAsString());
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static MultiMap form(String... pairs) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            m.add(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String page(ConsoleHarness.Client c, String path, int status) throws Exception {
        HttpResponse<Buffer> r = c.get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.bodyAsString());
        return r.bodyAsString();
    }

    @Test
    @Order(1)
    void aCompanyRegistersAProductAndALotThroughTheForms() throws Exception {
        assertTrue(page(pharma, "/console/products", 200).contains("action=\"/console/products\""));
        HttpResponse<Buffer> created = pharma.post("/console/products", form("gtin", GTIN, "name", "Insulin pen",
                "category", "drug", "tempMinC", "2", "tempMaxC", "8", "maxSingleExcursionMinutes", "30",
                "maxTotalExcursionMinutes", "", "maxReadingGapMinutes", "", "cnDrugId", "8612345"));
        assertEquals(303, created.statusCode(), created.bodyAsString());
        assertEquals("/console/products/" + GTIN, created.getHeader("location"));
        String product = page(pharma, "/console/products/" + GTIN, 200);
        assertTrue(product.contains("Product registered."), "the flash message");
        assertTrue(product.contains("2 – 8 °C; single excursion up to 30 min"), product);

        HttpResponse<Buffer> lot = pharma.post("/console/products/" + GTIN + "/lots", form("lot", LOT,
                "producedAt", "2026-11-25T08:00", "expiresOn", "2028-02-29"));
        assertEquals(303, lot.statusCode(), lot.bodyAsString());
        assertEquals(LOT_PAGE, lot.getHeader("location"));
        String lotPage = page(pharma, LOT_PAGE, 200);
        assertTrue(lotPage.contains("2026-11-25 08:00 UTC") && lotPage.contains("2028-02-29"), lotPage);
        assertTrue(lotPage.contains("name=\"count\""), "the issue form");
        assertTrue(page(pharma, "/console/products", 200).contains("Insulin pen"));

        HttpResponse<Buffer> bad = pharma.post("/console/products", form("gtin", "09506000134369", "name", "x", "tempMinC", "two"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("Lowest temperature: is not a number: two"), bad.bodyAsString());
        HttpResponse<Buffer> refused = pharma.post("/console/products", form("gtin", "09506000134353", "name", "x"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.bodyAsString().contains("check digit"), refused.bodyAsString());
    }

    @Test
    @Order(2)
    void codesAreIssuedListedAndDownloaded() throws Exception {
        HttpResponse<Buffer> issued = pharma.post(LOT_PAGE + "/items", form("count", "60", "chinaDrugCodes", "true"));
        assertEquals(303, issued.statusCode(), issued.bodyAsString());
        String lotPage = page(pharma, LOT_PAGE, 200);
        assertTrue(lotPage.contains("Issued 60 codes."));
        assertTrue(lotPage.contains("/01/" + GTIN + "/10/L-2026%2F11/21/"), "Digital Links on the page");
        assertTrue(lotPage.contains("<code>8612345"), "China codes on the page");
        assertTrue(lotPage.contains("?pageToken="), "50 a page, so a next page");

        HttpResponse<Buffer> zip = pharma.get(LOT_PAGE + "/labels.zip?image=svg");
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.getHeader("content-type"));
        assertTrue(zip.getHeader("content-disposition").contains("attachment; filename=\"labels-" + GTIN + "-L-2026_11-svg.zip\""),
                zip.getHeader("content-disposition"));
        int svgs = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body().getBytes()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                svgs += e.getName().endsWith(".svg") ? 1 : 0;
            }
        }
        assertEquals(60, svgs);
        HttpResponse<Buffer> pdf = pharma.get(LOT_PAGE + "/labels.pdf");
        assertEquals("application/pdf", pdf.getHeader("content-type"));
        assertTrue(pdf.bodyAsString().startsWith("%PDF-"));
        String csv = pharma.get(LOT_PAGE + "/codes.csv").bodyAsString();
        assertEquals(61, csv.split("\r?\n").length, "a header and 60 codes");
    }

    @Test
    @Order(3)
    void anotherCompanyNeitherSeesNorChangesThem() throws Exception {
        String list = page(farm, "/console/products", 200);
        assertTrue(list.contains("Apples"));
        assertFalse(list.contains("Insulin pen"), "only its own organisation's products");
        assertEquals(403, farm.get("/console/products/" + GTIN).statusCode());
        assertEquals(403, farm.get(LOT_PAGE).statusCode());
        assertEquals(403, farm.get(LOT_PAGE + "/labels.zip").statusCode(), "no labels of another's lot");
        assertEquals(403, farm.get(LOT_PAGE + "/codes.csv").statusCode());
        assertEquals(403, farm.post("/console/products/" + GTIN + "/edit", form("name", "Mine now")).statusCode());
        assertEquals(403, farm.post(LOT_PAGE + "/retire", form("retired", "true")).statusCode());
        assertEquals(403, farm.post(LOT_PAGE + "/items", form("count", "1")).statusCode());
        assertTrue(page(pharma, "/console/products/" + GTIN, 200).contains("Insulin pen"), "unchanged");
    }

    @Test
    @Order(4)
    void aRegulatorReadsAllAndHasNoForms() throws Exception {
        String list = page(inspector, "/console/products", 200);
        assertTrue(list.contains("Insulin pen") && list.contains("Apples") && list.contains("pharma-a"));
        assertFalse(list.contains("<form class=\"stack\""), "no register form");
        String lotPage = page(inspector, LOT_PAGE, 200);
        assertFalse(lotPage.contains("name=\"count\""));
        assertFalse(lotPage.contains("/retire"));
        assertEquals(403, inspector.post("/console/products", form("gtin", "09506000134369", "name", "x")).statusCode());
        assertEquals(200, inspector.get(LOT_PAGE + "/labels.pdf").statusCode(), "regulators may download labels");
    }

    @Test
    @Order(5)
    void editAndRetireThroughTheFormsNeedTheCsrfToken() throws Exception {
        HttpResponse<Buffer> forged = pharma.postRaw("/console/products/" + GTIN + "/retire", form("retired", "true"));
        assertEquals(403, forged.statusCode(), "no CSRF token");
        assertFalse(page(pharma, "/console/products/" + GTIN, 200).contains("Retired "));

        HttpResponse<Buffer> rule = pharma.post("/console/products/" + GTIN + "/edit", form("name", "Insulin pen 3 ml",
                "tempMinC", "0", "tempMaxC", "8", "maxSingleExcursionMinutes", "30"));
        assertEquals(409, rule.statusCode(), "codes are issued: the rule stays");
        assertTrue(rule.bodyAsString().contains("cannot change"), rule.bodyAsString());
        HttpResponse<Buffer> renamed = pharma.post("/console/products/" + GTIN + "/edit", form("name", "Insulin pen 3 ml",
                "tempMinC", "2", "tempMaxC", "8", "maxSingleExcursionMinutes", "30"));
        assertEquals(303, renamed.statusCode(), renamed.bodyAsString());
        assertTrue(page(pharma, "/console/products/" + GTIN, 200).contains("Insulin pen 3 ml"));

        assertEquals(303, pharma.post(LOT_PAGE + "/edit", form("producedAt", "", "expiresOn", "2028-01-31")).statusCode());
        assertEquals(303, pharma.post(LOT_PAGE + "/retire", form("retired", "true")).statusCode());
        String lotPage = page(pharma, LOT_PAGE, 200);
        assertTrue(lotPage.contains("Lot retired.") && lotPage.contains("2028-01-31"));
        assertFalse(lotPage.contains("name=\"count\""), "no issue form on a retired lot");
        assertTrue(lotPage.contains("Reinstate lot"));
        HttpResponse<Buffer> more = pharma.post(LOT_PAGE + "/items", form("count", "1"));
        assertEquals(409, more.statusCode());
        assertTrue(more.bodyAsString().contains("a retired lot takes no new items"), more.bodyAsString());
        assertTrue(page(pharma, LOT_PAGE + "/codes.csv", 200).split("\n").length > 60, "its codes stay");

        assertEquals(303, pharma.post("/console/products/" + GTIN + "/retire", form("retired", "true")).statusCode());
        String product = page(pharma, "/console/products/" + GTIN, 200);
        assertTrue(product.contains("Reinstate product"));
        assertFalse(product.contains("action=\"/console/products/" + GTIN + "/lots\""), "no new-lot form");
        assertTrue(page(pharma, "/console/products", 200).contains("Retired "));
    }

    @Test
    @Order(6)
    void thePagesAreChineseWithLangZh() throws Exception {
        String list = page(pharma, "/console/products?lang=zh", 200);
        assertTrue(list.contains("<h1>产品</h1>") && list.contains("登记产品") && list.contains("药品"), list);
        assertFalse(list.contains("Register a product"));
        String lotPage = page(pharma, LOT_PAGE, 200);
        assertTrue(lotPage.contains("已发追溯码") && lotPage.contains("序列号") && lotPage.contains("已停用"), lotPage);
        for (String english : new String[] {"Issued codes", "Downloads", "Serial", "Retire", "Expires"}) {
            assertFalse(lotPage.contains(">" + english), english);
        }
        page(pharma, "/console/products?lang=en", 200);
    }
}
