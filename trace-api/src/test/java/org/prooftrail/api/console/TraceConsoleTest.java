package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.testing.FarmToShelf.*;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.store.accounts.Accounts;

/**
 * Search and trace pages over real HTTP on the farm-to-shelf scenario: a regulator sees the whole
 * graph from the farm's inputs to the stores and downloads the recall list; companies see what the
 * trace API shows them and nothing more, on pages and downloads alike.
 */
class TraceConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String P1_GTIN_LOT = PRODUCT_GTIN + " P1";
    private static Vertx vertx;
    private static ConsoleHarness console;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        FarmToShelf.store(new SignedStore(console.api().db()));
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        companyAccount(console, "qm@processor", PROCESSOR);
        companyAccount(console, "qm@store", STORE);
    }

    /** An account of an organisation the stored events already registered (ConsoleHarness.account would name it anew). */
    static void companyAccount(ConsoleHarness console, String username, String org) throws Exception {
        new Accounts(console.api().db().dataSource()).create(username, username,
                ApiRole.COMPANY.claim(), org, PasswordHashing.hash(PASSWORD.toCharArray()));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String key(String code) {
        return TraceId.parse(code).key();
    }

    @Test
    void aRegulatorSearchesAGtinAndLotAndIsLedToItsTrace() throws Exception {
        ConsoleHarness.Client c = console.signIn("inspector", PASSWORD);
        HttpResponse<Buffer> r = c.get("/console/search?q=" + enc(P1_GTIN_LOT) + "&lang=en");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String page = r.bodyAsString();
        assertTrue(page.contains("Read as a GTIN and a lot: lot P1 of GTIN " + PRODUCT_GTIN), page);
        assertTrue(page.contains("href=\"/console/trace?code=" + PRODUCT_GTIN + "%2FP1\""), page);

        HttpResponse<Buffer> fields = c.get("/console/search?gtin=" + PRODUCT_GTIN + "&lot=P1&lang=zh");
        assertEquals(200, fields.statusCode());
        assertTrue(fields.bodyAsString().contains("识别为GTIN 与批号"), fields.bodyAsString());

        HttpResponse<Buffer> bad = c.get("/console/search?q=" + enc("urn:epc:id:sgtin:4098765.022222"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("3 parts"));
    }

    @Test
    void theTraceGraphRunsFromFarmInputsToTheStores() throws Exception {
        ConsoleHarness.Client c = console.signIn("inspector", PASSWORD);
        HttpResponse<Buffer> r = c.get("/console/trace?code=" + enc(P1) + "&lang=en");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String page = r.bodyAsString();
        assertTrue(page.contains("class=\"trace-node trace-lot trace-start\" data-id=\"" + key(P1) + "\""), page);
        assertTrue(page.contains("data-id=\"" + key(H1) + "\""), "the harvest lot P1 was made from");
        for (String pack : P1_PACKS) {
            assertTrue(page.contains("class=\"trace-node trace-item\" data-id=\"" + key(pack) + "\""), pack);
        }
        assertTrue(page.contains("class=\"trace-node trace-container\" data-id=\"" + key(C1) + "\""));
        assertTrue(page.contains("class=\"trace-node trace-receiver\" data-id=\"" + STORE_1 + "\""));
        assertTrue(page.contains("class=\"trace-node trace-receiver\" data-id=\"" + STORE_2 + "\""));
        assertTrue(page.contains("class=\"trace-node trace-input\" data-id=\"" + eventId("pestA") + "\""), "the pesticide on plot A");
        assertTrue(page.contains("<title>Serial 1001"), "every box has a title");
        assertTrue(page.contains("<table class=\"trace-table\">"));
        assertFalse(page.contains("style="), "the CSP allows no inline style");

        HttpResponse<Buffer> zh = c.get("/console/trace?code=" + enc(P1) + "&lang=zh");
        assertTrue(zh.bodyAsString().contains("下载召回清单（CSV）"));
        assertTrue(zh.bodyAsString().contains("收货地点"));
    }

    @Test
    void theRecallListDownloadsAsCsvNamedAfterTheLot() throws Exception {
        ConsoleHarness.Client c = console.signIn("inspector", PASSWORD);
        HttpResponse<Buffer> r = c.get("/console/trace/recall.csv?code=" + enc(PRODUCT_GTIN + "/P1"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("content-type").startsWith("text/csv"));
        assertEquals("attachment; filename=\"recall-P1.csv\"", r.getHeader("content-disposition"));
        String csv = r.bodyAsString();
        assertTrue(csv.startsWith("kind,identifier,epcs,gtin,lot,serial,lastLocation,lastEventTime"), csv);
        for (String pack : P1_PACKS) {
            assertTrue(csv.contains("item," + key(pack) + ","), pack);
        }
        assertTrue(csv.contains("location," + STORE_2));
    }

    @Test
    void aCompanyGetsWhatTheApiShowsItOnly() throws Exception {
        ConsoleHarness.Client store = console.signIn("qm@store", PASSWORD);
        HttpResponse<Buffer> search = store.get("/console/search?q=" + enc(P1) + "&lang=en");
        assertEquals(404, search.statusCode());
        assertTrue(search.bodyAsString().contains("Not found among the events you may see"), search.bodyAsString());
        assertFalse(search.bodyAsString().contains("open-trace"));
        assertEquals(404, store.get("/console/trace?code=" + enc(P1)).statusCode());
        HttpResponse<Buffer> csv = store.get("/console/trace/recall.csv?code=" + enc(P1));
        assertEquals(404, csv.statusCode());
        assertFalse(csv.bodyAsString().contains(key(P1_PACKS.get(0))));

        // its own case: shown, with its own store, and a count of what other organisations hold
        HttpResponse<Buffer> own = store.get("/console/trace?code=" + enc(C1) + "&lang=en");
        assertEquals(200, own.statusCode(), own.bodyAsString());
        assertTrue(own.bodyAsString().contains("data-id=\"" + STORE_1 + "\""));
        assertTrue(own.bodyAsString().contains("are not shown to your organisation"), own.bodyAsString());
        assertFalse(own.bodyAsString().contains(key(P1_PACKS.get(1))), "the packs inside are the processor's (the store sold 1001 itself)");

        ConsoleHarness.Client processor = console.signIn("qm@processor", PASSWORD);
        String page = processor.get("/console/trace?code=" + enc(P1) + "&lang=en").bodyAsString();
        assertTrue(page.contains("data-id=\"" + key(P1_PACKS.get(0)) + "\""), page);
        assertFalse(page.contains("data-id=\"" + STORE_1 + "\""), "the store's receiving is not the processor's to see");
        assertFalse(page.contains("data-id=\"" + eventId("pestA") + "\""), "nor the farm's inputs");
    }
}
