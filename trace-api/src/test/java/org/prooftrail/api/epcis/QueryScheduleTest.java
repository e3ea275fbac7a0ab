package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.Settings;

/** The GS1 schedule subset, the public-address rule and the back-off, as pure logic. */
class QueryScheduleTest {
    private static Instant next(String schedule, String after) throws Exception {
        return QuerySchedule.parse(new JsonObject(schedule)).next(Instant.parse(after));
    }

    @Test
    void theBindingsExampleRunsDailyAtFivePastOne() throws Exception {
        assertEquals(Instant.parse("2026-01-01T01:05:00Z"), next("{\"hour\":\"1\",\"minute\":\"5\"}", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-02T01:05:00Z"), next("{\"hour\":\"1\",\"minute\":\"5\"}", "2026-01-01T01:05:00Z"));
    }

    @Test
    void listsRangesAndWeekdays() throws Exception {
        // 2026-01-01 is a Thursday (4); the next Monday (1) or Wednesday (3) at 08:00 or 17:00
        assertEquals(Instant.parse("2026-01-05T08:00:00Z"),
                next("{\"dayOfWeek\":\"1,3\",\"hour\":\"8,17\",\"minute\":\"0\"}", "2026-01-01T09:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T09:00:10Z"), next("{\"second\":\"[10-12]\"}", "2026-01-01T09:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T09:00:11Z"), next("{\"second\":\"[10-12]\"}", "2026-01-01T09:00:10Z"));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("{\"month\":\"2\",\"dayOfMonth\":\"29\",\"hour\":\"0\",\"minute\":\"0\"}",
                "2026-03-01T00:00:00Z"));
        assertNull(next("{\"month\":\"2\",\"dayOfMonth\":\"30\"}", "2026-01-01T00:00:00Z"));
    }

    @Test
    void everythingOutsideTheGrammarIsRefused() {
        for (String bad : new String[] {"{\"second\":\"0/30\"}", "{\"minute\":\"*\"}", "{\"hour\":\"24\"}", "{\"month\":\"0\"}",
                "{\"dayOfWeek\":\"8\"}", "{\"minute\":\"[5-1]\"}", "{\"minute\":\"\"}", "{\"weekday\":\"1\"}", "{}",
                "{\"minute\":{\"a\":1}}"}) {
            assertThrows(QuerySchedule.BadSchedule.class, () -> QuerySchedule.parse(new JsonObject(bad)), bad);
        }
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.31.255.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",
                "100.100.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "fe80::1", "fd12::1", "::", "::ffff:10.0.0.1",
                "64:ff9b::a00:1"}) {
            assertFalse(WebhookDestinations.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::808:808"}) {
            assertTrue(WebhookDestinations.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void backOffDoublesUpToItsCeiling() {
        SubscriptionSettings s = SubscriptionSettings.from(Settings.of(Map.of(SubscriptionSettings.RETRY_MIN, "1s",
                SubscriptionSettings.RETRY_MAX, "10s")));
        assertEquals(Duration.ofSeconds(1), s.backoff(1));
        assertEquals(Duration.ofSeconds(2), s.backoff(2));
        assertEquals(Duration.ofSeconds(8), s.backoff(4));
        assertEquals(Duration.ofSeconds(10), s.backoff(5));
        assertEquals(Duration.ofSeconds(10), s.backoff(1000));
        assertFalse(s.allowHttp());
        assertFalse(s.allowPrivate());
    }
}
