package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.coldchain.Verdict;

class PageTextTest {
    @Test
    void languageByQueryThenAcceptLanguage() {
        assertEquals("zh", PageText.choose("zh", "en-US"));
        assertEquals("en", PageText.choose("en", "zh-CN"));
        assertEquals("zh", PageText.choose(null, "zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals("en", PageText.choose(null, "fr-FR,en;q=0.5,zh;q=0.4"));
        assertEquals("en", PageText.choose(null, "de"));
        assertEquals("en", PageText.choose("xx", null));
    }

    @Test
    void scriptJsonCannotCloseItsElement() {
        assertEquals("{\"a\":\"\\u003c/script\\u003e\\u0026\"}", Html.scriptJson("{\"a\":\"</script>&\"}"));
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;", Html.esc("<b> & \"x\" 'y'"));
    }

    @Test
    void bothLanguagesSayEverything() {
        assertEquals(PageText.keys("en"), PageText.keys("zh"));
    }

    private static Verdict verdict(Verdict.Status status, Verdict.Basis basis, int count, long longest, long total,
                                   int samples, Long limit) {
        return new Verdict(status, basis, List.of(), count, Duration.ofMinutes(longest), Duration.ofMinutes(total), samples,
                limit == null ? null : Duration.ofMinutes(limit), null);
    }

    @Test
    void verdictsArePhrasedFromTheirFacts() {
        PageText en = PageText.of("en");
        PageText zh = PageText.of("zh");
        Verdict within1 = verdict(Verdict.Status.PASS, Verdict.Basis.WITHIN_LIMITS, 1, 25, 25, 100, 60L);
        assertEquals("One excursion of 25 min, within the limits (at most 60 min in all).", ConsumerPage.reason(en, within1));
        assertEquals("1 次超限，共 25 分钟，未超出限值（累计上限 60 分钟）。", ConsumerPage.reason(zh, within1));
        Verdict within2 = verdict(Verdict.Status.PASS, Verdict.Basis.WITHIN_LIMITS, 2, 20, 35, 100, 60L);
        assertEquals("2 excursions of 35 min in all, within the limits (at most 60 min in all).", ConsumerPage.reason(en, within2));
        Verdict single = verdict(Verdict.Status.FAIL, Verdict.Basis.SINGLE_TOO_LONG, 2, 40, 45, 100, 30L);
        assertEquals("一次超限持续 40 分钟，单次上限为 30 分钟。", ConsumerPage.reason(zh, single));
        Verdict none = verdict(Verdict.Status.FAIL, Verdict.Basis.SINGLE_TOO_LONG, 1, 5, 5, 100, 0L);
        assertEquals("One excursion lasted 5 min; no excursion is allowed.", ConsumerPage.reason(en, none));
        Verdict total = verdict(Verdict.Status.FAIL, Verdict.Basis.TOTAL_TOO_LONG, 7, 10, 70, 100, 60L);
        assertEquals("7 次超限累计 70 分钟，累计上限为 60 分钟。", ConsumerPage.reason(zh, total));
        assertEquals("全部 12 个读数均在允许范围内。",
                ConsumerPage.reason(zh, verdict(Verdict.Status.PASS, Verdict.Basis.ALL_IN_BAND, 0, 0, 0, 12, null)));
        assertEquals("此产品没有温度要求。",
                ConsumerPage.reason(zh, verdict(Verdict.Status.NO_DATA, Verdict.Basis.NO_RULE, 0, 0, 0, 0, null)));
        assertEquals("No temperature readings cover this journey.",
                ConsumerPage.reason(en, verdict(Verdict.Status.NO_DATA, Verdict.Basis.NO_READINGS, 0, 0, 0, 0, null)));
    }

    @Test
    void stepsAndEventTypesInBothLanguages() {
        assertEquals("发运", PageText.of("zh").step("shipping", "ObjectEvent"));
        assertEquals("上架", PageText.of("zh").step("stocking", "ObjectEvent"));
        assertEquals("装箱或拆箱", PageText.of("zh").step(null, "AggregationEvent"));
        assertEquals("Recorded", PageText.of("en").step(null, "ObjectEvent"));
        assertEquals("urn:example:step:tasting", PageText.of("zh").step("urn:example:step:tasting", "ObjectEvent"));
    }
}
