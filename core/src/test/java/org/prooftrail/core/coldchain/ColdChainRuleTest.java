package org.prooftrail.core.coldchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdChainRuleTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    /** 2-8 °C, at most 30 min at once, at most 60 min in all. */
    private static final ColdChainRule RULE = new ColdChainRule(2.0, 8.0, Duration.ofMinutes(30), Duration.ofMinutes(60));

    /** One reading every 5 minutes. */
    private static Series series(double... temps) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < temps.length; i++) {
            s.add(new Sample(T0.plus(Duration.ofMinutes(5L * i)), temps[i]));
        }
        return new Series("truck-1", "urn:loc:truck-1", T0, T0.plus(Duration.ofMinutes(5L * temps.length)), s);
    }

    /** Each series judged as its own custody window, watched by its own device. */
    static Verdict judge(ColdChainRule rule, List<Series> journey) {
        List<Watch> windows = journey.stream().map(s -> new Watch(s.location(), s.from(), s.to(), List.of(s.device()))).toList();
        return rule.judge(windows, journey);
    }

    @Test
    void everyReadingInBandPasses() {
        Verdict v = judge(RULE, List.of(series(4, 5, 6, 2, 8, 7)));
        assertEquals(Verdict.Status.PASS, v.status());
        assertEquals(0, v.excursionCount());
        assertEquals(6, v.samples());
        assertEquals(Verdict.Basis.ALL_IN_BAND, v.basis());
        assertEquals("all 6 readings were within the band", v.reason());
    }

    @Test
    void oneLongExcursionFailsOnTheSingleLimit() {
        // out from minute 10 to minute 50 (back in band): 40 min > 30 min
        Verdict v = judge(RULE, List.of(series(5, 5, 9, 11, 12.5, 10, 9, 9.5, 9, 9, 6)));
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(1, v.excursionCount());
        Excursion e = v.worst().get(0);
        assertEquals(T0.plus(Duration.ofMinutes(10)), e.start());
        assertEquals(Duration.ofMinutes(40), e.duration());
        assertEquals(12.5, e.peakC());
        assertTrue(e.above());
        assertFalse(e.ongoing());
        assertEquals(Verdict.Basis.SINGLE_TOO_LONG, v.basis());
        assertEquals(Duration.ofMinutes(30), v.limit());
        assertEquals("an excursion lasted 40 min, the limit for one is 30 min", v.reason());
    }

    @Test
    void manyShortExcursionsFailOnTheCumulativeLimit() {
        // seven 10-minute excursions, each within 30 min, 70 min in all > 60 min
        List<Double> temps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            temps.add(5.0);
            temps.add(i % 2 == 0 ? 9.0 : 1.0);
            temps.add(i % 2 == 0 ? 9.5 : 0.5);
        }
        temps.add(5.0);
        Verdict v = judge(RULE, List.of(series(temps.stream().mapToDouble(Double::doubleValue).toArray())));
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(7, v.excursionCount());
        assertEquals(Duration.ofMinutes(10), v.longest());
        assertEquals(Duration.ofMinutes(70), v.total());
        assertEquals(ColdChainRule.WORST_LISTED, v.worst().size());
        assertEquals(Verdict.Basis.TOTAL_TOO_LONG, v.basis());
        assertEquals(Duration.ofMinutes(60), v.limit());
        assertEquals("7 excursions add up to 70 min, the cumulative limit is 60 min", v.reason());
        // below the band counts as well, with the lowest reading as its peak
        assertTrue(v.worst().stream().anyMatch(e -> !e.above() && e.peakC() == 0.5));
    }

    @Test
    void shortExcursionsWithinBothLimitsPass() {
        Verdict v = judge(RULE, List.of(series(5, 9, 5, 5, 9, 9, 5)));
        assertEquals(Verdict.Status.PASS, v.status());
        assertEquals(2, v.excursionCount());
        assertEquals(Duration.ofMinutes(15), v.total());
        assertEquals(Verdict.Basis.WITHIN_LIMITS, v.basis());
        assertEquals("within-limits", v.basis().wire());
        assertEquals("2 excursion(s) of 15 min in all, within the limits", v.reason());
    }

    @Test
    void noReadingsIsNoData() {
        assertEquals(Verdict.Status.NO_DATA, judge(RULE, List.of()).status());
        assertEquals(Verdict.Basis.NO_READINGS, judge(RULE, List.of(series())).basis());
        assertEquals(Verdict.Status.NO_DATA, judge(RULE, List.of(series())).status());
        assertEquals("no-data", Verdict.Status.NO_DATA.wire());
    }

    @Test
    void noBandIsNoData() {
        ColdChainRule none = new ColdChainRule(null, null, null, null);
        assertEquals(Verdict.Status.NO_DATA, judge(none, List.of(series(30, 40))).status());
        assertEquals(Verdict.Basis.NO_RULE, judge(none, List.of(series(30, 40))).basis());
    }

    @Test
    void withoutLimitsAnyExcursionFails() {
        ColdChainRule strict = new ColdChainRule(2.0, 8.0, null, null);
        Verdict v = judge(strict, List.of(series(5, 8.1, 5)));
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(Verdict.Basis.SINGLE_TOO_LONG, v.basis());
        assertEquals(Duration.ZERO, v.limit());
        assertEquals(Verdict.Status.PASS, judge(strict, List.of(series(5, 8, 5))).status());
    }

    @Test
    void anExcursionStillOpenAtTheEndIsOngoing() {
        List<Excursion> es = RULE.excursions(series(5, 5, 10, 11));
        assertEquals(1, es.size());
        assertTrue(es.get(0).ongoing());
        assertEquals(Duration.ofMinutes(5), es.get(0).duration());
    }

    @Test
    void excursionsAddUpAcrossSeveralWindows() {
        Series each = series(5, 9, 9, 9, 9, 9, 5); // 25 min, within the single limit
        assertEquals(Verdict.Status.PASS, judge(RULE, List.of(each, each)).status());
        Verdict v = judge(RULE, List.of(each, each, each)); // 75 min in all
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(Duration.ofMinutes(75), v.total());
    }
}
