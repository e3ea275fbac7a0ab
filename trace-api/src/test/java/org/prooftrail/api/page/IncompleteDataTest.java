package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;

/**
 * The verdict test of "done means", through the real HTTP API: a journey whose truck logger left a
 * two-hour hole and one whose pharmacy fridge lost an envelope are "incomplete data" on the page (en
 * and zh) and in the provenance JSON, with what is missing listed; never "held".
 */
class IncompleteDataTest {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8); // the fixture's events' offset
    private static Vertx vertx;
    private static ConsumerFixture hole;
    private static ConsumerFixture lost;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> settings = Map.of(ResolverSettings.RATE, "10000");
        hole = ConsumerFixture.start(vertx, settings, ColdChainFixture.Gap.TRUCK_HOLE);
        lost = ConsumerFixture.start(vertx, settings, ColdChainFixture.Gap.FRIDGE_LOST_ENVELOPE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hole != null) {
            hole.close();
        }
        if (lost != null) {
            lost.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(ConsumerFixture f, String path, String accept) throws Exception {
        return f.api.client().request(HttpMethod.GET, path).putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
    }

    private static Instant commissioned(JsonObject provenance) {
        return Instant.parse(provenance.getJsonArray("events").getJsonObject(0).getString("eventTime"));
    }

    @Test
    void aTwoHourHoleIsIncompleteDataInTheJson() throws Exception {
        HttpResponse<Buffer> r = get(hole, hole.demo.itemPath(0), "application/json");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        JsonObject cold = body.getJsonObject("coldChain");
        assertEquals("incomplete-data", cold.getString("verdict"), cold.encodePrettily());
        assertEquals("uncovered", cold.getString("basis"));
        Instant t0 = commissioned(body);
        JsonArray uncovered = cold.getJsonArray("uncovered");
        assertEquals(1, uncovered.size(), cold.encodePrettily());
        JsonObject span = uncovered.getJsonObject(0);
        assertEquals(ColdChainFixture.TRUCK_LOCATION, span.getString("location"));
        // the last reading before the hole is at t0+4h55, the next at t0+7h
        assertEquals(t0.plus(Duration.ofMinutes(295)).toString(), span.getString("from"));
        assertEquals(t0.plus(Duration.ofHours(7)).toString(), span.getString("to"));
        assertEquals(125.0, span.getDouble("minutes"));
        assertEquals(1, cold.getInteger("uncoveredCount"));
        assertEquals(125.0, cold.getDouble("uncoveredMinutes"));
        assertEquals(0, cold.getJsonArray("seqGaps").size());
        assertTrue(cold.getString("reason").startsWith("no readings cover 1 stretch(es) of the custody windows, 125 min in all"),
                cold.getString("reason"));
    }

    @Test
    void aTwoHourHoleIsIncompleteDataOnThePageInBothLanguages() throws Exception {
        JsonObject body = get(hole, hole.demo.itemPath(0), "application/json").bodyAsJsonObject();
        Instant from = commissioned(body).plus(Duration.ofMinutes(295));
        Instant to = commissioned(body).plus(Duration.ofHours(7));
        String en = get(hole, hole.demo.itemPath(0) + "?lang=en", "text/html").bodyAsString();
        assertTrue(en.contains("data-verdict=\"incomplete-data\""), en);
        assertTrue(en.contains("Incomplete data: the cold chain cannot be confirmed"));
        assertFalse(en.contains("Cold chain held"));
        assertTrue(en.contains("No readings cover a stretch of 125 min, so the temperature then is unknown."));
        String list = en.substring(en.indexOf("id=\"pt-uncovered\""));
        list = list.substring(0, list.indexOf("</ul>"));
        assertTrue(list.contains(ConsumerPage.time(from, CHINA) + " – " + ConsumerPage.time(to, CHINA)), list);
        assertTrue(list.contains("125 min"), list);
        assertTrue(list.contains("title=\"" + ColdChainFixture.TRUCK_LOCATION + "\">Demo Cold Logistics"), list);
        String zh = get(hole, hole.demo.itemPath(0) + "?lang=zh", "text/html").bodyAsString();
        assertTrue(zh.contains("数据不完整，无法确认冷链"), zh);
        assertFalse(zh.contains("冷链合格"));
        assertTrue(zh.contains("有 1 个时段（125 分钟）没有温度读数，这期间的温度无法确认。"));
        assertTrue(zh.contains("无读数覆盖的时段"));
        assertTrue(zh.contains(ConsumerPage.when(from, CHINA)));
    }

    @Test
    void aLostEnvelopeIsIncompleteDataInTheJsonAndOnThePage() throws Exception {
        JsonObject body = get(lost, lost.demo.itemPath(1), "application/json").bodyAsJsonObject();
        JsonObject cold = body.getJsonObject("coldChain");
        assertEquals("incomplete-data", cold.getString("verdict"), cold.encodePrettily());
        assertEquals("seq-gaps", cold.getString("basis"));
        assertEquals(0, cold.getJsonArray("uncovered").size(), "10 minutes without a reading is no hole");
        JsonArray gaps = cold.getJsonArray("seqGaps");
        assertEquals(1, gaps.size(), cold.encodePrettily());
        JsonObject g = gaps.getJsonObject(0);
        Instant arrived = commissioned(body).plus(Duration.ofHours(8));
        assertEquals("ccdemo-pharmacy-fridge", g.getString("device"));
        assertEquals(ColdChainFixture.PHARMACY_LOCATION, g.getString("location"));
        assertEquals(g.getLong("fromSeq"), g.getLong("toSeq"));
        assertEquals(arrived.plus(Duration.ofMinutes(20)).toString(), g.getString("after"));
        assertEquals(arrived.plus(Duration.ofMinutes(30)).toString(), g.getString("before"));
        assertEquals(1, cold.getInteger("seqGapCount"));
        assertEquals(1, cold.getInteger("missingEnvelopes"));

        String en = get(lost, lost.demo.itemPath(1) + "?lang=en", "text/html").bodyAsString();
        assertTrue(en.contains("data-verdict=\"incomplete-data\""), en);
        assertFalse(en.contains("Cold chain held"));
        assertTrue(en.contains("One signed record from a sensor never arrived, so readings may be missing."));
        String list = en.substring(en.indexOf("id=\"pt-seq-gaps\""));
        list = list.substring(0, list.indexOf("</ul>"));
        assertTrue(list.contains("ccdemo-pharmacy-fridge · records " + g.getLong("fromSeq")), list);
        assertTrue(list.contains("between " + ConsumerPage.time(arrived.plus(Duration.ofMinutes(20)), CHINA) + " and "
                + ConsumerPage.time(arrived.plus(Duration.ofMinutes(30)), CHINA)), list);
        String zh = get(lost, lost.demo.itemPath(1) + "?lang=zh", "text/html").bodyAsString();
        assertTrue(zh.contains("数据不完整，无法确认冷链"));
        assertTrue(zh.contains("传感器有 1 条签名记录未送达，可能缺少温度读数。"), zh);
        assertFalse(zh.contains("冷链合格"));
    }
}
