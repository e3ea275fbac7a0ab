package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.alerts.NewAlert;

/**
 * The console's alerts page over HTTP: grouped by kind, filtered, paged, downloadable as CSV; a company
 * sees the alerts about its own products only, in the page and in the download.
 */
class AlertConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("quality@farm-a", ApiRole.COMPANY, "farm-a", PASSWORD);
        console.account("quality@farm-b", ApiRole.COMPANY, "farm-b", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        try (Connection c = console.api().db().connection()) {
            Alerts.raise(c, new NewAlert("second-sale", "/01/06901234000017/21/A-PACK-1", "farm-a",
                    Map.of("firstOrg", "pharmacy-1", "org", "pharmacy-2")));
            Alerts.raise(c, new NewAlert("seq-gap", "device/farm-a-sensor-1", "farm-a",
                    Map.of("device", "farm-a-sensor-1", "fromSeq", "10", "toSeq", "14", "missing", "5")));
            Alerts.raise(c, new NewAlert("second-sale", "/01/06901234000024/21/B-PACK-9", "farm-b",
                    Map.of("firstOrg", "pharmacy-3", "org", "pharmacy-4")));
            for (int i = 0; i < AlertView.PAGE + 5; i++) { // more than a page, for the paging
                Alerts.raise(c, new NewAlert("seq-gap", "device/farm-b-logger-" + i, "farm-b", Map.of("missing", "1")));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanySeesOnlyAlertsAboutItsOwnProductsGroupedByKind() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        String page = a.get("/console/alerts").bodyAsString();
        assertTrue(page.contains("A-PACK-1") && page.contains("farm-a-sensor-1"), page);
        assertFalse(page.contains("B-PACK-9") || page.contains("farm-b-logger"), "another company's alerts: " + page);
        assertTrue(page.indexOf("id=\"alerts-second-sale\"") < page.indexOf("id=\"alerts-seq-gap\""), page);
        assertTrue(page.contains("Second sales (double dispensing) (1)"), page);
        assertFalse(a.get("/console/alerts?org=farm-b").bodyAsString().contains("B-PACK-9"), "org is a regulator's filter");

        HttpResponse<Buffer> csv = a.get("/console/alerts/alerts.csv");
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        assertTrue(csv.getHeader("content-disposition").contains("alerts.csv"));
        assertTrue(csv.bodyAsString().startsWith("id,raised_at,kind,subject,org,details"), csv.bodyAsString());
        assertTrue(csv.bodyAsString().contains("A-PACK-1"));
        assertFalse(csv.bodyAsString().contains("B-PACK-9") || csv.bodyAsString().contains("farm-b"), csv.bodyAsString());
    }

    @Test
    void aRegulatorSeesAllFiltersAndPages() throws Exception {
        ConsoleHarness.Client reg = console.signIn("inspector", PASSWORD);
        String first = reg.get("/console/alerts").bodyAsString();
        assertTrue(first.contains("rel=\"next\""), "more than a page: " + first.length());
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"(/console/alerts\\?page=[^\"]+)\"").matcher(first);
        assertTrue(next.find());
        String second = reg.get(next.group(1).replace("&amp;", "&")).bodyAsString();
        assertTrue(second.contains("A-PACK-1") && second.contains("B-PACK-9"), "the oldest alerts are on the second page");

        String sales = reg.get("/console/alerts?kind=second-sale").bodyAsString();
        assertTrue(sales.contains("A-PACK-1") && sales.contains("B-PACK-9"), sales);
        assertFalse(sales.contains("id=\"alerts-seq-gap\""), sales);
        String farmB = reg.get("/console/alerts?kind=second-sale&org=farm-b").bodyAsString();
        assertTrue(farmB.contains("B-PACK-9") && !farmB.contains("A-PACK-1"), farmB);
        assertTrue(reg.get("/console/alerts?to=2000-01-01").bodyAsString().contains("id=\"alert-none\""));
        assertEquals(400, reg.get("/console/alerts?from=soon").statusCode());

        HttpResponse<Buffer> csv = reg.get("/console/alerts/alerts.csv?kind=second-sale");
        assertEquals(200, csv.statusCode());
        assertEquals(3, csv.bodyAsString().strip().split("\n").length, csv.bodyAsString());

        String zh = reg.get("/console/alerts?lang=zh").bodyAsString();
        assertTrue(zh.contains("重复销售（重复调剂）") && zh.contains("下载 CSV"), zh);
    }
}
