package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.api.testing.TestAnchor;

/** The log's health page over real HTTP: regulators and admins only; an audit run from its button is shown after. */
class LogHealthConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static long treeSize;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        FarmToShelf.store(new SignedStore(console.api().db()));
        treeSize = new TestAnchor().checkpoint(console.api().db());
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        console.account("root", ApiRole.ADMIN, null, PASSWORD);
        TraceConsoleTest.companyAccount(console, "qm@store", FarmToShelf.STORE);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanyCannotOpenTheLogOrRunAnAudit() throws Exception {
        ConsoleHarness.Client c = console.signIn("qm@store", "correct horse battery");
        HttpResponse<Buffer> page = c.get("/console/log");
        assertEquals(403, page.statusCode());
        assertFalse(page.bodyAsString().contains(String.valueOf(treeSize) + "</dd>"));
        assertFalse(c.get("/console/").bodyAsString().contains("href=\"/console/log\""), "not in the company's menu");
        assertEquals(403, c.post("/console/log/audit", MultiMap.caseInsensitiveMultiMap().add("full", "true")).statusCode());
    }

    @Test
    void aRegulatorSeesTheCheckpointAndRunsAnAudit() throws Exception {
        ConsoleHarness.Client c = console.signIn("inspector", PASSWORD);
        String before = c.get("/console/log?lang=en").bodyAsString();
        assertTrue(before.contains("<dt>Tree size</dt><dd>" + treeSize + "</dd>"), before);
        assertTrue(before.contains("No witnesses are configured"));
        HttpResponse<Buffer> run = c.post("/console/log/audit", MultiMap.caseInsensitiveMultiMap());
        assertEquals(303, run.statusCode(), run.bodyAsString());
        assertEquals("/console/log", run.getHeader("location"));
        String after = c.get("/console/log?lang=en").bodyAsString();
        assertTrue(after.contains("The audit passed."), after);
        assertTrue(after.contains("data-passed=\"true\""), after);
        assertTrue(after.contains("recent part"));
        String zh = console.signIn("root", PASSWORD).get("/console/log?lang=zh").bodyAsString();
        assertTrue(zh.contains("最近一次审计") && zh.contains("通过") && zh.contains("立即运行审计"), zh);
        assertTrue(zh.contains("console:inspector"), "the run is kept with who ran it");
    }
}
