package org.prooftrail.api.page;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.store.journey.TimelineEvent;
import org.prooftrail.store.scans.ScanSummary;

/**
 * The page a consumer sees after scanning a pack: server-rendered, no framework, no external
 * requests; one inline stylesheet and one inline script (allowed by a per-response CSP nonce). The
 * script checks the proofs in the browser; see {@code page/consumer.js}.
 */
public final class ConsumerPage {
    static final String CSS = resource("consumer.css");
    static final String JS = resource("consumer.js");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ConsumerPage() {
    }

    public static String render(PageModel m) {
        PageText t = m.text();
        StringBuilder b = new StringBuilder(16_384);
        String title = m.product() == null ? t.get("notFound") : m.product().name();
        b.append("<!doctype html><html lang=\"").append(t.lang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · ProofTrail</title>")
                .append("<style nonce=\"").append(m.nonce()).append("\">").append(CSS).append("</style></head><body>");
        b.append("<header><a class=\"lang\" href=\"?lang=").append(t.get("otherLang")).append("\">")
                .append(t.get("other")).append("</a>");
        if (m.product() == null) {
            b.append("<h1>").append(Html.esc(t.get("notFound"))).append("</h1></header><main><p>")
                    .append(Html.esc(t.get("notFoundHelp"))).append("</p><p class=\"note\">").append(Html.esc(m.detail()))
                    .append("</p></main></body></html>");
            return b.toString();
        }
        b.append("<h1>").append(Html.esc(m.product().name())).append("</h1><p class=\"maker\">").append(t.get("madeBy"))
                .append(" ").append(Html.esc(m.product().orgName())).append("</p>");
        facts(b, m);
        b.append("</header><main>");
        if (m.status() == 410) {
            b.append("<p class=\"warn\" id=\"pt-gone\">").append(Html.esc(t.get("gone"))).append("</p>");
        }
        for (String w : m.warnings()) {
            b.append("<p class=\"warn\">").append(Html.esc(w)).append("</p>");
        }
        Provenance p = m.provenance();
        if (p != null) {
            badge(b, m);
            coldChain(b, t, p);
            journey(b, t, p);
        } else if (m.status() == 200) {
            b.append("<p>").append(Html.esc(rule(t, m.product().rule()))).append("</p>");
        }
        b.append("</main><footer><p class=\"scans\" id=\"pt-scans\">").append(Html.esc(scans(t, m.scans())))
                .append("</p><p class=\"note\">ProofTrail · GTIN ").append(Html.esc(m.product().gtin())).append("</p></footer>");
        if (p != null) {
            JsonObject data = new JsonObject().put("key", "/v1/log/key").put("bundles", new JsonArray(m.proofs()))
                    .put("checks", new JsonArray(m.checks())).put("labels", new JsonObject()
                            .put("checking", t.get("checking")).put("verified", t.get("verified"))
                            .put("verifiedServer", t.get("verifiedServer")).put("failed", t.get("failed"))
                            .put("noProof", t.get("noProof")).put("pending", t.get("pending")));
            b.append("<script type=\"application/json\" id=\"pt-data\">").append(Html.scriptJson(data.encode())).append("</script>")
                    .append("<script nonce=\"").append(m.nonce()).append("\">").append(JS).append("</script>");
        }
        return b.append("</body></html>").toString();
    }

    private static void facts(StringBuilder b, PageModel m) {
        PageText t = m.text();
        Provenance p = m.provenance();
        b.append("<dl>");
        if (p != null && p.lot() != null) {
            dt(b, t.get("lot"), p.lot().lot());
            if (p.lot().expiresOn() != null) {
                dt(b, t.get("expires"), p.lot().expiresOn());
            }
        }
        if (p != null && p.item() != null) {
            dt(b, t.get("serial"), p.item().serial());
        }
        b.append("</dl>");
    }

    private static void dt(StringBuilder b, String term, Object value) {
        b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }

    private static void badge(StringBuilder b, PageModel m) {
        PageText t = m.text();
        b.append("<section class=\"proof\"><div id=\"pt-badge\" class=\"badge checking\" data-state=\"checking\" role=\"status\">")
                .append(Html.esc(t.get("checking"))).append("</div><p class=\"note\" id=\"pt-step\"></p>")
                .append("<p class=\"note\" id=\"pt-fallback\" hidden>").append(Html.esc(t.get("fallbackNote"))).append("</p>")
                .append("<p class=\"note\">").append(Html.esc(t.get("keyNote"))).append("</p></section>");
    }

    private static void coldChain(StringBuilder b, PageText t, Provenance p) {
        Verdict v = p.verdict();
        ColdChainRule rule = p.product().rule();
        b.append("<section><h2>").append(t.get("coldChain")).append("</h2><p id=\"pt-verdict\" class=\"verdict ")
                .append(v.status().wire()).append("\" data-verdict=\"").append(v.status().wire()).append("\">")
                .append(Html.esc(t.get(v.status().wire()))).append("</p><p class=\"note\">").append(Html.esc(v.reason()))
                .append("</p>");
        if (rule.hasBand()) {
            b.append("<p class=\"note\">").append(Html.esc(rule(t, rule))).append("</p>");
        }
        String svg = TemperatureChart.svg(p.readings(), rule, v.worst(), t.get("coldChain"));
        b.append(svg == null ? "<p>" + Html.esc(t.get("noReadings")) + "</p>" : svg);
        if (!v.worst().isEmpty()) {
            b.append("<h3>").append(t.get("excursions")).append("</h3><ul class=\"exc\">");
            for (Excursion x : v.worst()) {
                b.append("<li>").append(Html.esc(when(x.start(), ZoneOffset.UTC))).append(" UTC · ")
                        .append(Html.esc(minutes(x.duration().toSeconds()))).append(' ').append(t.get("duration")).append(" · ")
                        .append(t.get("peak")).append(' ').append(Html.esc(String.format(Locale.ROOT, "%.1f °C", x.peakC())))
                        .append(" · ").append(Html.esc(x.device())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("</section>");
    }

    private static void journey(StringBuilder b, PageText t, Provenance p) {
        b.append("<section><h2>").append(t.get("journey")).append("</h2>");
        if (p.events().isEmpty()) {
            b.append("<p>").append(Html.esc(t.get("noEvents"))).append("</p>");
        }
        b.append("<ol class=\"timeline\" id=\"pt-timeline\">");
        for (TimelineEvent e : p.events()) {
            b.append("<li><time datetime=\"").append(e.time()).append("\">").append(Html.esc(when(e.time(), zone(e))))
                    .append("</time> <b>").append(Html.esc(t.step(e.bizStep(), e.type()))).append("</b>");
            if (e.location() != null) {
                b.append("<br><span class=\"loc\">").append(Html.esc(e.location())).append("</span>");
            }
            b.append("<br><span class=\"org\">").append(Html.esc(e.orgName())).append("</span></li>");
        }
        b.append("</ol></section>");
    }

    private static String rule(PageText t, ColdChainRule r) {
        String band = (r.minC() == null ? "≤ " : num(r.minC()) + "–") + (r.maxC() == null ? "" : num(r.maxC())) + " °C";
        if (r.maxC() == null) {
            band = "≥ " + num(r.minC()) + " °C";
        }
        return t.format("rule", band, r.maxSingle() == null ? "0" : minutes(r.maxSingle().toSeconds()),
                r.maxTotal() == null ? "0" : minutes(r.maxTotal().toSeconds()));
    }

    private static String scans(PageText t, ScanSummary s) {
        if (s == null) {
            return "";
        }
        return s.count() <= 1 ? t.get("firstScan") : t.format("scans", s.count(), when(s.since(), ZoneOffset.UTC) + " UTC");
    }

    private static ZoneId zone(TimelineEvent e) {
        try {
            return e.timeZoneOffset() == null ? ZoneOffset.UTC : ZoneOffset.of(e.timeZoneOffset());
        } catch (java.time.DateTimeException ex) {
            return ZoneOffset.UTC;
        }
    }

    static String when(Instant i, ZoneId zone) {
        String s = WHEN.format(i.atZone(zone));
        return zone.equals(ZoneOffset.UTC) ? s : s + " (" + zone + ")";
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String minutes(long seconds) {
        return seconds % 60 == 0 ? Long.toString(seconds / 60) : String.format(Locale.ROOT, "%.1f", seconds / 60.0);
    }

    private static String resource(String name) {
        try (InputStream in = ConsumerPage.class.getResourceAsStream("/page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
