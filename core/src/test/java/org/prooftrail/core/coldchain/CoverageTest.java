package org.prooftrail.core.coldchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coverage rule as docs/api.md ("Coverage") states it, through {@link ColdChainRule#judge}. */
class CoverageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String STORE = "urn:epc:id:sgln:0614141.00001.0";
    private static final ColdChainRule RULE = new ColdChainRule(2.0, 8.0, Duration.ofMinutes(30), Duration.ofMinutes(60));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** 5 °C readings at the given minutes after T0, seq 1, 2, 3... */
    private static Series readings(String device, Watch w, int... minutes) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            s.add(new Sample(at(minutes[i]), 5.0, i + 1));
        }
        return new Series(device, w.location(), w.from(), w.to(), s);
    }

    /** Minutes {@code from}, {@code from + step}, ... while below {@code to}. */
    private static int[] every(int step, int from, int to) {
        List<Integer> m = new ArrayList<>();
        for (int t = from; t < to; t += step) {
            m.add(t);
        }
        return m.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] join(int[] a, int[] b) {
        int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Watch window(int from, int to, String... devices) {
        return new Watch(STORE, at(from), at(to), List.of(devices));
    }

    @Test
    void aTwoHourHoleIsIncompleteNeverHeld() {
        Watch w = window(0, 240, "fridge-1");
        Series s = readings("fridge-1", w, join(every(5, 0, 60), every(5, 175, 240)));
        Verdict v = RULE.judge(List.of(w), List.of(s));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        assertNotEquals(Verdict.Status.PASS, v.status());
        assertEquals(Verdict.Basis.UNCOVERED, v.basis());
        assertEquals("incomplete-data", v.status().wire());
        assertEquals("uncovered", v.basis().wire());
        assertEquals(List.of(new Uncovered(STORE, at(55), at(175))), v.coverage().uncovered());
        assertEquals(Duration.ofMinutes(120), v.coverage().uncoveredTotal());
        assertTrue(v.coverage().seqGaps().isEmpty(), "seqs run on: the hole is lost time, not lost envelopes");
        assertEquals("no readings cover 1 stretch(es) of the custody windows, 120 min in all; the first: 120 min from "
                + "2026-03-01T08:55:00Z at " + STORE, v.reason());
    }

    @Test
    void aSeqGapIsIncompleteEvenWhenTheReadingsCoverTheWindow() {
        Watch w = window(0, 60, "fridge-1");
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            s.add(new Sample(at(5 * i), 5.0, i < 6 ? 100 + i : 103 + i)); // 106, 107, 108 never arrived
        }
        Verdict v = RULE.judge(List.of(w), List.of(new Series("fridge-1", STORE, w.from(), w.to(), s)));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        assertEquals(Verdict.Basis.SEQ_GAPS, v.basis());
        assertEquals("seq-gaps", v.basis().wire());
        assertTrue(v.coverage().uncovered().isEmpty());
        assertEquals(List.of(new SeqGap("fridge-1", STORE, 106, 108, at(25), at(30))), v.coverage().seqGaps());
        assertEquals("3 signed envelope(s) missing in 1 gap(s); the first: device fridge-1 seq 106-108 between "
                + "2026-03-01T08:25:00Z and 2026-03-01T08:30:00Z", v.reason());
    }

    @Test
    void aHoleAndASeqGapAreBothListedUnderUncovered() {
        Watch w = window(0, 60, "fridge-1");
        Series s = readings("fridge-1", w, 0, 5, 10, 50, 55); // seqs 1..5: no seq gap
        List<Sample> gapped = new ArrayList<>(s.samples());
        gapped.set(3, new Sample(at(50), 5.0, 9));
        gapped.set(4, new Sample(at(55), 5.0, 10));
        Verdict v = RULE.judge(List.of(w), List.of(new Series("fridge-1", STORE, w.from(), w.to(), gapped)));
        assertEquals(Verdict.Basis.UNCOVERED, v.basis());
        assertEquals(List.of(new Uncovered(STORE, at(10), at(50))), v.coverage().uncovered());
        assertEquals(List.of(new SeqGap("fridge-1", STORE, 4, 8, at(10), at(50))), v.coverage().seqGaps());
        assertTrue(v.reason().endsWith("; and 5 signed envelope(s) missing in 1 gap(s); the first: device fridge-1 seq 4-8 "
                + "between 2026-03-01T08:10:00Z and 2026-03-01T08:50:00Z"), v.reason());
    }

    @Test
    void aSecondDeviceThatCoversTheFirstsHoleMakesItComplete() {
        Watch w = window(0, 240, "fridge-1", "fridge-2");
        Series holed = readings("fridge-1", w, join(every(5, 0, 60), every(5, 175, 240)));
        Series whole = readings("fridge-2", w, every(10, 0, 240));
        Verdict v = RULE.judge(List.of(w), List.of(holed, whole));
        assertEquals(Verdict.Status.PASS, v.status());
        assertEquals(Verdict.Basis.ALL_IN_BAND, v.basis());
        assertTrue(v.coverage().complete());
        // two devices each watching a part, overlapping, also cover the window
        Series early = readings("fridge-1", w, every(5, 0, 130));
        Series late = readings("fridge-2", w, every(5, 120, 240));
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(w), List.of(early, late)).status());
        // where both devices are silent the window stays uncovered, only there
        Series alsoHoled = readings("fridge-2", w, join(every(5, 0, 100), every(5, 160, 240)));
        Verdict both = RULE.judge(List.of(w), List.of(holed, alsoHoled));
        assertEquals(List.of(new Uncovered(STORE, at(95), at(160))), both.coverage().uncovered());
    }

    @Test
    void aFirstReadingLateAfterTheWindowStartsLeavesItsStartUncovered() {
        Watch w = window(0, 60, "fridge-1");
        Verdict late = RULE.judge(List.of(w), List.of(readings("fridge-1", w, every(5, 30, 60))));
        assertEquals(List.of(new Uncovered(STORE, at(0), at(30))), late.coverage().uncovered());
        // within the threshold (15 min) a late start is still covered
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(w), List.of(readings("fridge-1", w, every(5, 15, 60)))).status());
    }

    @Test
    void anOpenWindowWhoseDeviceStoppedReportingIsUncoveredUpToNow() {
        Watch open = window(0, 300, "fridge-1"); // "to" is the time of the lookup
        Verdict v = RULE.judge(List.of(open), List.of(readings("fridge-1", open, every(5, 0, 120))));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        assertEquals(List.of(new Uncovered(STORE, at(115), at(300))), v.coverage().uncovered());
    }

    @Test
    void theDefaultThresholdIsThreeMedianIntervalsAtLeastFifteenMinutes() {
        Watch w = window(0, 240, "logger-1");
        // a logger reporting every 20 minutes: 3 x 20 = 60 min, so its 20-minute steps are watched
        Series sparse = readings("logger-1", w, every(20, 0, 240));
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(w), List.of(sparse)).status());
        // ...and a 50-minute silence is too (< 60), a 70-minute one is not
        Series fifty = readings("logger-1", w, join(every(20, 0, 100), every(20, 130, 240)));
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(w), List.of(fifty)).status());
        Series seventy = readings("logger-1", w, join(every(20, 0, 100), every(20, 150, 240)));
        assertEquals(List.of(new Uncovered(STORE, at(80), at(150))),
                RULE.judge(List.of(w), List.of(seventy)).coverage().uncovered());
        // a sensor reporting every minute still has 15 minutes: a 14-minute silence is no hole
        Series fast = readings("logger-1", w, join(every(1, 0, 100), every(1, 114, 240)));
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(w), List.of(fast)).status());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndRepeatedTimesCountOnce() {
        List<Sample> odd = List.of(sample(0), sample(10), sample(30), sample(60)); // steps 10, 20, 30
        assertEquals(Duration.ofMinutes(60).toMillis(), Coverage.threshold(null, odd));
        List<Sample> even = List.of(sample(0), sample(10), sample(30), sample(60), sample(100), sample(100));
        assertEquals(Duration.ofMinutes(75).toMillis(), Coverage.threshold(null, even)); // steps 10, 20, 30, 40
        assertEquals(Duration.ofMinutes(15).toMillis(), Coverage.threshold(null, List.of(sample(0), sample(0))));
        assertEquals(Duration.ofMinutes(15).toMillis(), Coverage.threshold(null, List.of()));
        assertEquals(Duration.ofMinutes(7).toMillis(), Coverage.threshold(Duration.ofMinutes(7), even));
    }

    private static Sample sample(int minute) {
        return new Sample(at(minute), 5.0);
    }

    @Test
    void theProductsMaxGapReplacesTheDefault() {
        ColdChainRule strict = new ColdChainRule(2.0, 8.0, Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(10));
        ColdChainRule lax = new ColdChainRule(2.0, 8.0, Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(3));
        Watch w = window(0, 240, "fridge-1");
        Series sparse = readings("fridge-1", w, every(20, 0, 240));
        Verdict v = strict.judge(List.of(w), List.of(sparse));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        // every 20-minute step is longer than 10: nothing is covered, the window is one uncovered stretch
        assertEquals(List.of(new Uncovered(STORE, at(0), at(240))), v.coverage().uncovered());
        Series holed = readings("fridge-1", w, join(every(5, 0, 60), every(5, 175, 240)));
        assertEquals(Verdict.Status.PASS, lax.judge(List.of(w), List.of(holed)).status());
        // a device with no readings at all covers a window no longer than the setting
        Watch brief = window(0, 10, "fridge-1");
        Watch other = window(10, 60, "fridge-2");
        Series there = readings("fridge-2", other, every(5, 10, 60));
        Series none = readings("fridge-1", brief);
        assertEquals(Verdict.Status.PASS, RULE.judge(List.of(brief, other), List.of(none, there)).status());
        assertEquals(List.of(new Uncovered(STORE, at(0), at(11))),
                strict.judge(List.of(window(0, 11, "fridge-1"), other), List.of(none, there)).coverage().uncovered());
    }

    @Test
    void aWindowWithoutAnyDeviceIsUncoveredThroughout() {
        Watch watched = window(0, 60, "fridge-1");
        Watch bare = new Watch("urn:epc:id:sgln:0614141.00002.0", at(60), at(180), List.of());
        Verdict v = RULE.judge(List.of(watched, bare), List.of(readings("fridge-1", watched, every(5, 0, 60))));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        assertEquals(List.of(new Uncovered(bare.location(), at(60), at(180))), v.coverage().uncovered());
    }

    @Test
    void zeroLengthWindowsAndReadingsOutsideTheWindowDoNotCount() {
        Watch w = window(0, 60, "fridge-1");
        Watch instant = window(60, 60, "fridge-1");
        List<Sample> s = new ArrayList<>(readings("fridge-1", w, every(5, 30, 60)).samples());
        s.add(new Sample(at(-10), 5.0, 0)); // before the window: not evidence of the window's start
        Verdict v = RULE.judge(List.of(w, instant), List.of(new Series("fridge-1", STORE, w.from(), w.to(), s)));
        assertEquals(List.of(new Uncovered(STORE, at(0), at(30))), v.coverage().uncovered());
        assertTrue(v.coverage().seqGaps().isEmpty());
    }

    @Test
    void aBrokenLimitFailsAndStillReportsWhatIsMissing() {
        Watch w = window(0, 240, "fridge-1");
        List<Sample> s = new ArrayList<>();
        int[] minutes = join(every(5, 0, 60), every(5, 175, 240));
        for (int i = 0; i < minutes.length; i++) {
            s.add(new Sample(at(minutes[i]), minutes[i] >= 180 && minutes[i] < 225 ? 9.5 : 5.0, i + 1));
        }
        Verdict v = RULE.judge(List.of(w), List.of(new Series("fridge-1", STORE, w.from(), w.to(), s)));
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(Verdict.Basis.SINGLE_TOO_LONG, v.basis());
        assertEquals(List.of(new Uncovered(STORE, at(55), at(175))), v.coverage().uncovered());
    }

    @Test
    void excursionsWithinTheLimitsButAHoleAreIncomplete() {
        Watch w = window(0, 240, "fridge-1");
        List<Sample> s = new ArrayList<>();
        int[] minutes = join(every(5, 0, 60), every(5, 175, 240));
        for (int i = 0; i < minutes.length; i++) {
            s.add(new Sample(at(minutes[i]), minutes[i] == 200 ? 9.0 : 5.0, i + 1));
        }
        Verdict v = RULE.judge(List.of(w), List.of(new Series("fridge-1", STORE, w.from(), w.to(), s)));
        assertEquals(Verdict.Status.INCOMPLETE_DATA, v.status());
        assertEquals(1, v.excursionCount());
    }

    @Test
    void noRuleAndNoReadingsAreUnchanged() {
        Watch w = window(0, 240, "fridge-1");
        Series holed = readings("fridge-1", w, 0, 5);
        Verdict noRule = new ColdChainRule(null, null, null, null).judge(List.of(w), List.of(holed));
        assertEquals(Verdict.Status.NO_DATA, noRule.status());
        assertEquals(Verdict.Basis.NO_RULE, noRule.basis());
        assertTrue(noRule.coverage().complete());
        Verdict none = RULE.judge(List.of(w), List.of(readings("fridge-1", w)));
        assertEquals(Verdict.Status.NO_DATA, none.status());
        assertEquals(Verdict.Basis.NO_READINGS, none.basis());
        assertTrue(none.coverage().complete());
        assertEquals(Verdict.Basis.NO_READINGS, RULE.judge(List.of(), List.of()).basis());
    }
}
