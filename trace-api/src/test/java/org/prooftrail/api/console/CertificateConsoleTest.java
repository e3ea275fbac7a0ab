package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The farm certificate page over real HTTP: a cooperative issues a 承诺达标合格证 for a lot of its produce
 * through the form and downloads its label; another company sees none of it; a regulator reads all.
 */
class CertificateConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String GTIN = "06901234000016";
    private static final Pattern ID = Pattern.compile("<code>([0-9A-Z]{16})</code>");
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static ConsoleHarness.Client coop;
    private static String certificate;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("ops@coop-a", ApiRole.COMPANY, "coop-a", PASSWORD);
        console.account("ops@coop-b", ApiRole.COMPANY, "coop-b", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        coop = console.signIn("ops@coop-a", PASSWORD);
        assertEquals(303, coop.post("/console/products", ProductConsoleTest.form("gtin", GTIN, "name", "上海青",
                "category", "produce")).statusCode());
        assertEquals(303, coop.post("/console/products/" + GTIN + "/lots", ProductConsoleTest.form("lot", "H1")).statusCode());
        HttpResponse<Buffer> issued = coop.post("/console/certificates", issueForm(true));
        assertEquals(303, issued.statusCode(), issued.bodyAsString());
        String listed = coop.get("/console/certificates?lang=en").bodyAsString();
        Matcher m = ID.matcher(listed);
        assertTrue(m.find(), "the certificate is listed");
        certificate = m.group(1);
        assertTrue(listed.contains("Certificate issued: " + certificate), "the flash message");
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static MultiMap issueForm(boolean allCommitments) {
        MultiMap f = ProductConsoleTest.form("gtin", GTIN, "lot", "H1", "quantity", "500", "unit", "kg",
                "origin", "浙江省杭州市余杭区径山镇", "producerName", "径山茶叶合作社", "producerContact", "0571-88880000",
                "issuedOn", "2026-03-01", "basis", "selfCheck", "basis", "entrustedTest",
                "commitment", "noBannedPesticidesOrVeterinaryDrugs", "commitment", "withdrawalPeriodsKept");
        return allCommitments ? f.add("commitment", "residuesWithinLimits") : f;
    }

    @Test
    void aCooperativeIssuesACertificateAndDownloadsItsLabel() throws Exception {
        String page = coop.get("/console/certificates?lang=en").bodyAsString();
        assertTrue(page.contains("<option value=\"" + GTIN + "\">"), "its produce in the form");
        assertTrue(page.contains("500 kg") && page.contains("2026-03-01"), page);
        assertTrue(page.contains("href=\"/v1/certificates/" + certificate + "?lang=en\""), "the public page");

        HttpResponse<Buffer> png = coop.get("/console/certificates/" + certificate + "/label.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.getHeader("content-type"));
        assertTrue(png.getHeader("content-disposition").startsWith("attachment"));
        HttpResponse<Buffer> pdf = coop.get("/console/certificates/" + certificate + "/label.pdf");
        assertTrue(pdf.bodyAsString().startsWith("%PDF-"));

        HttpResponse<Buffer> refused = coop.post("/console/certificates", issueForm(false));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.bodyAsString().contains("commitments.residuesWithinLimits"), refused.bodyAsString());
    }

    @Test
    void anotherCompanySeesNoneAndARegulatorAll() throws Exception {
        ConsoleHarness.Client other = console.signIn("ops@coop-b", PASSWORD);
        String page = other.get("/console/certificates").bodyAsString();
        assertFalse(page.contains(certificate));
        assertTrue(page.contains("first register a product"), "no produce of its own to certify");
        assertEquals(404, other.get("/console/certificates/" + certificate + "/label.png").statusCode());
        HttpResponse<Buffer> forged = other.post("/console/certificates", issueForm(true));
        assertEquals(403, forged.statusCode(), "another farm's lot");

        ConsoleHarness.Client inspector = console.signIn("inspector", PASSWORD);
        String all = inspector.get("/console/certificates").bodyAsString();
        assertTrue(all.contains(certificate) && all.contains("coop-a"));
        assertFalse(all.contains("action=\"/console/certificates\""), "no issue form");
        assertEquals(200, inspector.get("/console/certificates/" + certificate + "/label.pdf").statusCode());
    }

    @Test
    void thePageIsChineseWithLangZh() throws Exception {
        String page = coop.get("/console/certificates?lang=zh").bodyAsString();
        assertTrue(page.contains("<h1>承诺达标合格证</h1>") && page.contains("开具合格证") && page.contains("常规农药兽药残留不超标")
                && page.contains("自行检测合格"), page);
        assertFalse(page.contains("Issue a certificate"));
        coop.get("/console/certificates?lang=en");
    }
}
