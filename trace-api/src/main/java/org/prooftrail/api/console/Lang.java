package org.prooftrail.api.console;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The console's two languages. Chosen by {@code ?lang=}, which is then remembered in a cookie, else the
 * remembered choice, else the browser's Accept-Language (Chinese when it prefers zh), else English.
 */
public enum Lang {
    EN("en"), ZH("zh-CN");

    static final String COOKIE = "pt_lang";
    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag for the page's {@code lang} attribute. */
    public String tag() {
        return tag;
    }

    /** The text in this language. */
    public String pick(String en, String zh) {
        return this == ZH ? zh : en;
    }

    static Lang of(RoutingContext ctx) {
        String asked = ctx.request().getParam("lang");
        if (asked != null) {
            Lang lang = asked.toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
            ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(COOKIE, lang.name()).setPath("/console")
                    .setMaxAge(365L * 24 * 3600).setSameSite(io.vertx.core.http.CookieSameSite.LAX));
            return lang;
        }
        io.vertx.core.http.Cookie kept = ctx.request().getCookie(COOKIE);
        if (kept != null) {
            return "ZH".equals(kept.getValue()) ? ZH : EN;
        }
        String accept = ctx.request().getHeader("accept-language");
        return accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
    }
}
