package org.prooftrail.api.console;

import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import org.prooftrail.api.page.Html;

/**
 * The frame of every console page: menu for the account's role, who is signed in, the language switch
 * and sign-out. Pages are plain HTML that works without script; the stylesheet is the console's one
 * file, and the Content-Security-Policy allows nothing else (no inline script, no other origin).
 */
final class Layout {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final List<NavEntry> nav;

    Layout(List<NavEntry> nav) {
        this.nav = nav;
    }

    HttpServerResponse headers(HttpServerResponse r) {
        return r.putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("content-security-policy", CSP)
                .putHeader("x-frame-options", "DENY")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "same-origin")
                .putHeader("cache-control", "no-store");
    }

    /** A page for a signed-in user; {@code user} null gives the bare frame (sign-in). */
    String page(ConsoleUser user, Lang lang, String path, String title, String flash, String body) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html><html lang=\"").append(lang.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · ProofTrail</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body>")
                .append("<a class=\"skip\" href=\"#main\">").append(lang.pick("Skip to content", "跳到正文")).append("</a>")
                .append("<header><a class=\"brand\" href=\"/console/\">ProofTrail <span>")
                .append(lang.pick("console", "控制台")).append("</span></a>");
        if (user != null) {
            b.append("<nav aria-label=\"").append(lang.pick("Main", "主菜单")).append("\"><ul>");
            for (NavEntry e : nav) {
                if (e.roles().contains(user.role())) {
                    boolean here = path.equals(e.path()) || path.startsWith(e.path() + "/");
                    b.append("<li><a href=\"").append(Html.esc(e.path())).append('"')
                            .append(here ? " aria-current=\"page\"" : "").append('>')
                            .append(Html.esc(lang.pick(e.en(), e.zh()))).append("</a></li>");
                }
            }
            b.append("</ul></nav><div class=\"who\"><span>").append(Html.esc(user.displayName())).append(" · ")
                    .append(Html.esc(user.role().claim()));
            if (user.org() != null) {
                b.append(" · ").append(Html.esc(user.org()));
            }
            b.append("</span><form method=\"post\" action=\"/console/sign-out\">")
                    .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(Html.esc(user.csrfToken())).append("\">")
                    .append("<button type=\"submit\">").append(lang.pick("Sign out", "退出")).append("</button></form>");
        } else {
            b.append("<div class=\"who\">");
        }
        b.append("<a href=\"").append(Html.esc(path)).append("?lang=").append(lang == Lang.ZH ? "en\" lang=\"en\">English" : "zh\" lang=\"zh-CN\">中文")
                .append("</a></div></header><main id=\"main\"><h1>").append(Html.esc(title)).append("</h1>");
        if (flash != null && !flash.isBlank()) {
            b.append("<p class=\"flash\" role=\"status\">").append(Html.esc(flash)).append("</p>");
        }
        return b.append(body).append("</main></body></html>").toString();
    }
}
