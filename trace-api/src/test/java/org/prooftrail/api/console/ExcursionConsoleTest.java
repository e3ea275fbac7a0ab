package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The console's excursions page over HTTP, on the cold-chain journey (one 25-minute truck excursion of
 * the maker's insulin lot): the maker and a regulator see it, linked to the lot's page; another company
 * does not; the filters narrow it.
 */
class ExcursionConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String LOT_LINK = "/console/lots/" + ColdChainFixture.GTIN + "/" + ColdChainFixture.LOT;
    private static Vertx vertx;
    private static ConsoleHarness console;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        ColdChainFixture.store(console.api().db().dataSource(), console.base(), "sha256");
        // the journey registered the maker under its own name; only the account is added
        new org.prooftrail.store.accounts.Accounts(console.api().db().dataSource()).create("quality@maker", "quality@maker",
                ApiRole.COMPANY.claim(), ColdChainFixture.MAKER, org.prooftrail.core.auth.PasswordHashing.hash(PASSWORD.toCharArray()));
        console.account("quality@other", ApiRole.COMPANY, "other-farm", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theMakerSeesItsExcursionLinkedToTheLot() throws Exception {
        String page = console.signIn("quality@maker", PASSWORD).get("/console/excursions").bodyAsString();
        assertTrue(page.contains("1 excursions in"), page);
        assertTrue(page.contains("ccdemo-reefer-7"), page);
        assertTrue(page.contains("href=\"" + LOT_LINK + "\""), page);
        assertFalse(page.contains("id=\"exc-org\""), "a company cannot choose another organisation");
    }

    @Test
    void anotherCompanySeesNoneEvenWhenItAsksForTheMakers() throws Exception {
        ConsoleHarness.Client other = console.signIn("quality@other", PASSWORD);
        String page = other.get("/console/excursions").bodyAsString();
        assertTrue(page.contains("0 excursions in"), page);
        assertFalse(page.contains("ccdemo-reefer-7"), page);
        String asked = other.get("/console/excursions?org=" + ColdChainFixture.MAKER).bodyAsString();
        assertFalse(asked.contains("ccdemo-reefer-7"), "the org filter is a regulator's: " + asked);
    }

    @Test
    void aRegulatorSeesAllAndFilters() throws Exception {
        ConsoleHarness.Client reg = console.signIn("inspector", PASSWORD);
        String all = reg.get("/console/excursions").bodyAsString();
        assertTrue(all.contains("ccdemo-reefer-7") && all.contains(LOT_LINK), all);
        assertTrue(all.contains("(" + ColdChainFixture.MAKER + ")"), "whose lot it is: " + all);
        assertTrue(reg.get("/console/excursions?product=" + ColdChainFixture.GTIN + "&org=" + ColdChainFixture.MAKER)
                .bodyAsString().contains("ccdemo-reefer-7"));
        assertTrue(reg.get("/console/excursions?from=2999-01-01").bodyAsString().contains("0 excursions in"));
        assertTrue(reg.get("/console/excursions?to=2000-01-01").bodyAsString().contains("0 excursions in"));
        HttpResponse<Buffer> bad = reg.get("/console/excursions?from=yesterday");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("2026-03-01"), bad.bodyAsString());
        HttpResponse<Buffer> badProduct = reg.get("/console/excursions?product=12");
        assertEquals(400, badProduct.statusCode(), "the API's refusal is shown: " + badProduct.bodyAsString());
        String zh = reg.get("/console/excursions?lang=zh").bodyAsString();
        assertTrue(zh.contains("温度偏离") && (zh.contains("持续中") || zh.contains("高于上限")), zh);
    }
}
