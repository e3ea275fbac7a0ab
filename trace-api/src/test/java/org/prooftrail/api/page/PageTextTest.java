package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
