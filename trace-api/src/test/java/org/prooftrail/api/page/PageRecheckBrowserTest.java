package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.identifiers.EpcKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page proves what it shows: a real headless Chromium opens a pack's page, which fetches the
 * evidence document and recomputes the timeline, custody windows, chart points and verdict from the
 * signed records. Untampered it verifies fully; each edit of a derived table a tamperer could make
 * (a reading's temperature, an event's time, an event_epc row) turns the badge to failed and names
 * the difference. Each edit is undone before the next.
 */
class PageRecheckBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(PageRecheckBrowserTest.class);

    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // edits behind the writer's back announce nothing: kept journeys show them once they expire (1 s here)
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.KEEP_JOURNEYS, "1s"));
        chromium = HeadlessChromium.start(vertx);
        // every load a fresh page: the lookup's ETag changes with new envelopes, not with edits made
        // behind the writer's back, so a revalidating browser would keep the untampered page a minute
        chromium.call("Network.enable", new JsonObject());
        chromium.call("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void pagesWithMissingDataVerifyBecauseTheBrowserFindsTheSameHolesAndLostRecords() throws Exception {
        for (ColdChainFixture.Gap gap : new ColdChainFixture.Gap[] {ColdChainFixture.Gap.TRUCK_HOLE,
                ColdChainFixture.Gap.FRIDGE_LOST_ENVELOPE}) {
            try (ConsumerFixture g = ConsumerFixture.start(vertx, Map.of(), gap)) {
                String url = g.api.base() + g.demo.itemPath(0);
                assertEquals("verified|browser|", chromium.badgeAfterLoad(url), gap + ": the browser's coverage rule agrees");
                assertEquals("incomplete-data", chromium.eval(
                        "JSON.parse(document.getElementById('pt-data').textContent).shown.verdict.verdict"), gap.toString());
            }
        }
    }

    /** Reloads the page until its badge's state starts with {@code prefix}; the last badge otherwise. */
    private static String badgeOnceItSettles(String url, String prefix) throws Exception {
        String[] last = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = chromium.badgeAfterLoad(url);
            return last[0].startsWith(prefix);
        });
        return last[0];
    }

    @Test
    void untamperedPageVerifiesAndEachTamperingIsNamed() throws Exception {
        String url = f.api.base() + f.demo.itemPath(0);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(url));
        assertEquals("true", chromium.eval("document.getElementById('pt-server-checked').hidden"));
        assertEquals("true", chromium.eval("document.getElementById('pt-cosigners').hidden"), "no witnesses: nothing said of cosigners");
        assertEquals("verified|browser|", chromium.badgeAfterLoad(f.api.base() + "/01/" + f.demo.gtin() + "/10/" + f.demo.lot()),
                "the lot's page too");

        // a reading above 8 °C set to 5 °C erases the excursion from chart and verdict
        f.sql("CREATE TABLE saved_reading AS SELECT * FROM reading WHERE temperature_c > 8");
        f.sql("UPDATE reading SET temperature_c = 5 WHERE temperature_c > 8");
        // kept journeys (1 s here) and a closed window's readings (PT_ANCHOR_INTERVAL, 1 s) show the edit after that
        String reading = badgeOnceItSettles(url, "failed|");
        LOG.info("reading tampered: {}", reading);
        assertTrue(reading.startsWith("failed|browser|readings: readings of ccdemo-reefer-7"), reading);
        assertTrue(reading.contains("the page shows 5.0 °C") || reading.contains("the page shows 5 °C"), reading);
        assertEquals("failed", chromium.eval("document.getElementById('pt-badge').getAttribute('data-state')"));
        f.sql("DELETE FROM reading r USING saved_reading s WHERE r.device_id = s.device_id AND r.time = s.time");
        f.sql("INSERT INTO reading SELECT * FROM saved_reading");
        assertEquals("verified|browser|", badgeOnceItSettles(url, "verified|"));

        // the shipping event moved by 30 minutes, in the column and in the stored document
        f.sql("CREATE TABLE saved_event AS SELECT id, event_time, doc FROM epcis_event WHERE biz_step = 'shipping'");
        f.sql("UPDATE epcis_event SET event_time = event_time + interval '30 minutes', doc = jsonb_set(doc, '{eventTime}', "
                + "to_jsonb(to_char((event_time + interval '30 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))) "
                + "WHERE biz_step = 'shipping'");
        String time = badgeOnceItSettles(url, "failed|");
        LOG.info("event time tampered: {}", time);
        assertTrue(time.startsWith("failed|browser|timeline: event ") && time.contains("eventTime"), time);
        f.sql("UPDATE epcis_event e SET event_time = s.event_time, doc = s.doc FROM saved_event s WHERE e.id = s.id");
        assertEquals("verified|browser|", badgeOnceItSettles(url, "verified|"));

        // an event about the container made to name this pack itself
        String forged = "https://id.gs1.org/01/" + f.demo.gtin() + "/10/" + f.demo.lot() + "/21/" + f.demo.serials().get(0);
        f.sql("INSERT INTO event_epc (event_id, epc, epc_key, role) SELECT id, ?, ?, 'epc' FROM epcis_event WHERE biz_step = 'receiving'",
                forged, EpcKey.of(forged));
        String epc = badgeOnceItSettles(url, "failed|");
        LOG.info("event_epc tampered: {}", epc);
        assertTrue(epc.startsWith("failed|browser|journey: event ") && epc.contains("shown as item"), epc);
        // in the page's language, the technical detail on hover
        chromium.navigate(url + "?lang=zh");
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(chromium.badge()).startsWith("failed|"));
        assertEquals("按签名记录，所示事件与本产品无关", chromium.eval("document.getElementById('pt-step').textContent"));
        assertTrue(chromium.eval("document.getElementById('pt-step').title").startsWith("journey: event "));
        f.sql("DELETE FROM event_epc WHERE epc = ? AND role = 'epc' AND event_id IN "
                + "(SELECT id FROM epcis_event WHERE biz_step = 'receiving')",
                "https://id.gs1.org/01/" + f.demo.gtin() + "/10/" + f.demo.lot() + "/21/" + f.demo.serials().get(0));
        assertEquals("verified|browser|", badgeOnceItSettles(url, "verified|"));
    }

    @Test
    void evidenceIsCacheablePerCheckpointAndLinkedFromTheJson() throws Exception {
        HttpResponse<Buffer> json = f.api.client().request(HttpMethod.GET, f.demo.itemPath(1))
                .putHeader("accept", "application/json").send().await(20, TimeUnit.SECONDS);
        String link = json.bodyAsJsonObject().getString("evidence");
        assertEquals("/v1/evidence" + f.demo.itemPath(1), link);
        HttpResponse<Buffer> ev = f.api.client().request(HttpMethod.GET, link).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, ev.statusCode());
        JsonObject doc = ev.bodyAsJsonObject();
        long size = doc.getJsonObject("checkpoint").getLong("treeSize");
        assertTrue(ev.getHeader("etag").startsWith("W/\"cp" + size + "-"), ev.getHeader("etag"));
        assertTrue(doc.getJsonArray("envelopes").size() >= 15, "events and the windows' reading envelopes");
        HttpResponse<Buffer> again = f.api.client().request(HttpMethod.GET, link).putHeader("if-none-match", ev.getHeader("etag"))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(304, again.statusCode());
        HttpResponse<Buffer> pinned = f.api.client().request(HttpMethod.GET, link + "?checkpoint=" + size)
                .send().await(20, TimeUnit.SECONDS);
        assertTrue(pinned.getHeader("cache-control").contains("immutable"));
        assertEquals(404, f.api.client().request(HttpMethod.GET, link + "?checkpoint=" + (size + 1000))
                .send().await(20, TimeUnit.SECONDS).statusCode());
    }
}
