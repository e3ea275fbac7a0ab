package org.prooftrail.api.page;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.store.journey.Dispensing;
import org.prooftrail.store.journey.TimelineEvent;
import org.prooftrail.store.scans.ScanSummary;

/**
 * The page a consumer sees after scanning a pack: server-rendered, no framework, no requests to other
 * origins; one inline stylesheet and one script from this server at {@link #SCRIPT_PATH}, both allowed
 * by a per-response CSP nonce. The script checks the proofs in the browser; see {@code page/consumer.js}.
 *
 * <p>Every sentence comes from {@link PageText} in the page's language (the verdict too, phrased from
 * its facts); besides those the page shows only the registry's names and identifiers. Places show by
 * their registered names with the URI on hover; times show in the local offset of the event they
 * belong to (readings and scans: of the latest event before them), with the raw instant on hover.
 */
public final class ConsumerPage {
    static final String CSS = resource("consumer.css");
    static final String JS = resource("consumer.js");
    /** The stylesheet as sent, encoded once. */
    private static final byte[] CSS_BYTES = CSS.getBytes(StandardCharsets.UTF_8);
    /** The script, served on its own (43 KB, the same for every page) so browsers keep it; see {@link #SCRIPT_PATH}. */
    public static final byte[] SCRIPT = JS.getBytes(StandardCharsets.UTF_8);
    /**
     * Where the page's script is served: named by its content's hash, so that it can be cached for good
     * (a new script is a new name) and a page never runs a script other than the one it was made with.
     */
    public static final String SCRIPT_PATH = "/page/consumer-" + sha256Prefix(SCRIPT) + ".js";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);

    private ConsumerPage() {
    }

    /**
     * The page as UTF-8. Its large parts that are the same from page to page (stylesheet, script) or
     * from pack to pack of a lot (the cold-chain section with its chart, the chart's points for the
     * recheck; see {@link #coldChain}) are encoded once and copied in.
     */
    public static Rendered render(PageModel m) {
        PageText t = m.text();
        PageOut o = new PageOut();
        StringBuilder b = o.text;
        String title = m.product() == null ? t.get("notFound") : m.product().name();
        b.append("<!doctype html><html lang=\"").append(t.lang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · ProofTrail</title>")
                .append("<style nonce=\"").append(m.nonce()).append("\">");
        o.shared(CSS_BYTES);
        b.append("</style></head><body>");
        b.append("<header><a class=\"lang\" href=\"?lang=").append(t.get("otherLang")).append("\">")
                .append(t.get("other")).append("</a>");
        if (m.product() == null) {
            b.append("<h1>").append(Html.esc(t.get("notFound"))).append("</h1></header><main><p>")
                    .append(Html.esc(t.get("notFoundHelp"))).append("</p></main></body></html>");
            return o.done();
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
            o.fragment(BADGE.computeIfAbsent(t.lang(), l -> badge(t)));
            coldChain(o, t, p);
            CertificatesSection.append(b, t.lang(), p.lot());
            journey(o, t, p);
        } else if (m.status() == 200) {
            b.append("<p>").append(Html.esc(rule(t, m.product().rule()))).append("</p>");
        }
        b.append("</main><footer><p class=\"scans\" id=\"pt-scans\">").append(scans(t, m.scans(), p))
                .append("</p><p class=\"note\">ProofTrail · GTIN ").append(Html.esc(m.product().gtin())).append("</p></footer>");
        if (p != null) {
            Instant at = p.asOf(); // the page shows the journey as of then; its evidence is asked for as of then
            b.append("<script type=\"application/json\" id=\"pt-data\">{\"key\":\"/v1/log/key\",\"bundles\":[");
            for (int i = 0; i < m.proofs().size(); i++) {
                ScriptJson.string(i == 0 ? b : b.append(','), m.proofs().get(i));
            }
            ScriptJson.string(b.append("],\"evidence\":"), ProvenanceJson.evidenceUrl(p) + "?at=" + at).append(",\"shown\":");
            ShownData.head(o, p, at);
            o.shared(series(p)); // the chart's points, the bulk of the data: encoded once per custody part
            ShownData.tail(b, p);
            b.append(",\"labels\":");
            o.shared(LABELS.computeIfAbsent(t.lang(), l -> Html.scriptJson(labels(t).encode()).getBytes(StandardCharsets.UTF_8)));
            b.append("}</script><script nonce=\"").append(m.nonce()).append("\" src=\"").append(SCRIPT_PATH)
                    .append("\"></script>");
        }
        b.append("</body></html>");
        return o.done();
    }

    /** A rendered page: its parts in order, to be written one after another, and their total length. */
    public record Rendered(List<Buffer> parts, int length) {
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
        if (p != null && p.item() != null && p.item().dispensing() != null) {
            dispensed(b, t, p, p.item().dispensing());
        }
    }

    /** "Dispensed on <date> by <organisation>": the date in the offset of the journey's event before the sale. */
    private static void dispensed(StringBuilder b, PageText t, Provenance p, Dispensing d) {
        String raw = Html.esc(d.at().toString());
        String day = "<time datetime=\"" + raw + "\" title=\"" + raw + "\">"
                + localDay(p, d.at()) + "</time>";
        String mark = "\u0000";
        b.append("<p class=\"dispensed\" id=\"pt-dispensed\">")
                .append(Html.esc(t.format("dispensedBy", mark, d.orgName())).replace(mark, day)).append("</p>");
    }

    private static void dt(StringBuilder b, String term, Object value) {
        b.append("<dt>").append(Html.esc(term)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
    }

    /** The proof section as the page opens with it, the same on every page of a language: encoded once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> BADGE = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] badge(PageText t) {
        StringBuilder b = new StringBuilder(512);
        b.append("<section class=\"proof\"><div id=\"pt-badge\" class=\"badge checking\" data-state=\"checking\" role=\"status\">")
                .append(Html.esc(t.get("checking"))).append("</div><p class=\"note\" id=\"pt-step\"></p>")
                .append("<p class=\"note\" id=\"pt-fallback\" hidden>").append(Html.esc(t.get("fallbackNote"))).append("</p>")
                .append("<p class=\"note\" id=\"pt-server-checked\" hidden></p>")
                .append("<p class=\"note\" id=\"pt-cosigners\" hidden></p>")
                .append("<p class=\"note\">").append(Html.esc(t.get("keyNote"))).append("</p></section>");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Renders now what the pages of {@code p} share with the other packs of its custody part (the
     * cold-chain section in each language, the chart's points for the recheck), so that a page request
     * finds them done. Called where a lot's journeys are assembled, off the event loop: rendering a
     * chart takes milliseconds, and on the event loop the first page of each lot held up every request
     * behind it (most of the HTML p99 in docs/benchmarks.md).
     */
    private static void prepare(Provenance p) {
        series(p);
        ShownData.prepare(p);
        for (String lang : LANGUAGES) {
            coldChainSection(PageText.of(lang), p);
        }
    }

    /**
     * {@link #prepare} for each of a lot's journeys, and the events they share rendered once
     * ({@link SharedEvents}): about half of a page's own rendering was its events, most of them the
     * same on every pack of the lot.
     */
    public static void prepare(List<Provenance> journeys) {
        journeys.forEach(ConsumerPage::prepare);
        SharedEvents.prepare(journeys, LANGUAGES);
    }

    private static final List<String> LANGUAGES = List.of("en", "zh");

    /** The chart's points as the page's data carries them, encoded once per custody part. */
    private static byte[] series(Provenance p) {
        return p.memo().get("series", () -> Html.scriptJson(ShownData.series(p).encode()).getBytes(StandardCharsets.UTF_8));
    }

    private static void coldChain(PageOut o, PageText t, Provenance p) {
        o.shared(coldChainSection(t, p));
    }

    /**
     * The cold-chain section, rendered once per custody part, language and time zones of the events
     * (journeys of a lot's packs share it: its chart is most of the page's work).
     */
    private static byte[] coldChainSection(PageText t, Provenance p) {
        // the section depends on the events only through their offsets (zoneAt): the times where the
        // offset changes, in time order, are all it needs, so the packs of a lot (which differ by their
        // own packing events, not by where they are) share one rendering per language
        StringBuilder zones = new StringBuilder("cold|").append(t.lang());
        String last = null;
        for (TimelineEvent e : p.events().stream().sorted(java.util.Comparator.comparing(TimelineEvent::time)).toList()) {
            if (last == null || !last.equals(e.timeZoneOffset())) {
                zones.append('|').append(e.time().getEpochSecond()).append(e.timeZoneOffset());
                last = e.timeZoneOffset();
            }
        }
        return p.memo().get(zones.toString(), () -> {
            StringBuilder section = new StringBuilder(8_192);
            renderColdChain(section, t, p);
            return section.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private static void renderColdChain(StringBuilder b, PageText t, Provenance p) {
        Verdict v = p.verdict();
        ColdChainRule rule = p.product().rule();
        b.append("<section><h2>").append(t.get("coldChain")).append("</h2><p id=\"pt-verdict\" class=\"verdict ")
                .append(v.status().wire()).append("\" data-verdict=\"").append(v.status().wire()).append("\">")
                .append(Html.esc(t.get(v.status().wire()))).append("</p><p class=\"note\" id=\"pt-reason\" data-basis=\"")
                .append(v.basis().wire()).append("\">").append(Html.esc(reason(t, v))).append("</p>");
        if (rule.hasBand()) {
            b.append("<p class=\"note\">").append(Html.esc(rule(t, rule))).append("</p>");
        }
        Instant first = p.readings().stream().flatMap(x -> x.samples().stream()).map(x -> x.time())
                .min(Instant::compareTo).orElse(null);
        String svg = TemperatureChart.svg(p.readings(), rule, v.worst(), t.get("coldChain"),
                first == null ? ZoneOffset.UTC : zoneAt(p, first));
        b.append(svg == null ? "<p>" + Html.esc(t.get("noReadings")) + "</p>" : svg);
        if (!v.worst().isEmpty()) {
            b.append("<h3>").append(t.get("excursions")).append("</h3><ul class=\"exc\">");
            for (Excursion x : v.worst()) {
                b.append("<li>").append(time(x.start(), zoneAt(p, x.start()))).append(" · ")
                        .append(Html.esc(minutes(x.duration().toSeconds()))).append(' ').append(t.get("duration")).append(" · ")
                        .append(t.get("peak")).append(' ').append(Html.esc(String.format(Locale.ROOT, "%.1f °C", x.peakC())))
                        .append(" · ").append(place(p, x.location())).append(" · ").append(Html.esc(x.device())).append("</li>");
            }
            b.append("</ul>");
        }
        CoverageList.render(b, t, p);
        b.append("</section>");
    }

    /** The verdict's basis and facts in the page's language. */
    static String reason(PageText t, Verdict v) {
        String key = "basis." + v.basis().wire();
        if (v.basis() == Verdict.Basis.UNCOVERED || v.basis() == Verdict.Basis.SEQ_GAPS) {
            boolean spans = v.basis() == Verdict.Basis.UNCOVERED;
            long n = spans ? v.coverage().uncovered().size()
                    : v.coverage().seqGaps().stream().mapToLong(org.prooftrail.core.coldchain.SeqGap::missing).sum();
            return t.first(List.of(key + (n == 1 ? ".one" : ""), key), n, minutes(v.coverage().uncoveredTotal().toSeconds()));
        }
        String limit = v.limit() == null ? "0" : minutes(v.limit().toSeconds());
        String total = minutes((v.basis() == Verdict.Basis.SINGLE_TOO_LONG ? v.longest() : v.total()).toSeconds());
        boolean none = v.limit() != null && v.limit().isZero();
        int count = v.basis() == Verdict.Basis.ALL_IN_BAND ? v.samples() : v.excursionCount();
        return t.first(List.of(key + (none ? ".none" : count == 1 ? ".one" : ""), key), count, total, limit);
    }

    private static void journey(PageOut o, PageText t, Provenance p) {
        StringBuilder b = o.text;
        b.append("<section><h2>").append(t.get("journey")).append("</h2>");
        if (p.events().isEmpty()) {
            b.append("<p>").append(Html.esc(t.get("noEvents"))).append("</p>");
        }
        b.append("<ol class=\"timeline\" id=\"pt-timeline\">");
        SharedEvents shared = SharedEvents.of(p);
        for (TimelineEvent e : p.events()) {
            byte[] done = shared == null ? null : shared.timeline(e, t.lang());
            if (done != null) {
                o.fragment(done);
            } else {
                timelineEntry(b, t, p, e);
            }
        }
        b.append("</ol></section>");
    }

    /** One event's {@code <li>} in the timeline. */
    static void timelineEntry(StringBuilder b, PageText t, Provenance p, TimelineEvent e) {
        time(b.append("<li>"), e.time(), zone(e)).append(" <b>").append(Html.esc(t.step(e.bizStep(), e.type())))
                .append("</b>");
        String name = e.location() == null ? null : p.places().get(e.location());
        if (e.location() != null) {
            place(b.append("<br>"), p, e.location());
        }
        if (name == null || !name.equals(e.orgName())) {
            b.append("<br><span class=\"org\">").append(Html.esc(e.orgName())).append("</span>");
        }
        b.append("</li>");
    }

    /** A place by its registered name, the URI on hover; by its URI when it has no name. */
    static String place(Provenance p, String location) {
        return place(new StringBuilder(64), p, location).toString();
    }

    /** {@link #place(Provenance, String)} written into the page. */
    static StringBuilder place(StringBuilder b, Provenance p, String location) {
        String name = location == null ? null : p.places().get(location);
        return name == null ? b.append("<span class=\"loc\">").append(Html.esc(location)).append("</span>")
                : b.append("<span class=\"loc\" title=\"").append(Html.esc(location)).append("\">").append(Html.esc(name)).append("</span>");
    }

    /** A time in a local offset, the instant on hover and in {@code datetime}. */
    static String time(Instant i, ZoneOffset zone) {
        return time(new StringBuilder(96), i, zone).toString();
    }

    /** {@link #time(Instant, ZoneOffset)} written into the page (an instant's text needs no escaping). */
    static StringBuilder time(StringBuilder b, Instant i, ZoneOffset zone) {
        String raw = i.toString();
        b.append("<time datetime=\"").append(raw).append("\" title=\"").append(raw).append("\">");
        return when(b, i, zone).append("</time>");
    }

    /** The script's labels per language, encoded: the same on every page. */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> LABELS = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonObject labels(PageText t) {
        return new JsonObject()
                .put("checking", t.get("checking")).put("verified", t.get("verified"))
                .put("verifiedServer", t.get("verifiedServer")).put("failed", t.get("failed"))
                .put("noProof", t.get("noProof")).put("pending", t.get("pending"))
                .put("step", t.get("proofStep")).put("steps", proofSteps(t))
                .put("serverChecked", t.get("serverChecked")).put("cosignedBy", t.get("cosignedBy"))
                .put("cosignedServer", t.get("cosignedServer"));
    }

    private static JsonObject proofSteps(PageText t) {
        JsonObject o = new JsonObject();
        for (String step : List.of("device signature", "envelope in chunk", "chunk in log", "checkpoint signature",
                "checkpoint", "ledger receipt", "proof bundle", "bundle", "log key", "server check", "evidence", "timeline",
                "journey", "custody", "readings", "verdict", "cosignatures", "disclosures")) {
            o.put(step, t.get("proofStep." + step));
        }
        return o;
    }

    private static String rule(PageText t, ColdChainRule r) {
        if (!r.hasBand()) {
            return t.get("noRule");
        }
        String band = r.maxC() == null ? "≥ " + num(r.minC()) + " °C"
                : (r.minC() == null ? "≤ " : num(r.minC()) + "–") + num(r.maxC()) + " °C";
        return t.format("rule", band, r.maxSingle() == null ? "0" : minutes(r.maxSingle().toSeconds()),
                r.maxTotal() == null ? "0" : minutes(r.maxTotal().toSeconds()));
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Sentence> SCANS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The scan count; its time in the offset of the journey's last event (where the pack is now). */
    private static String scans(PageText t, ScanSummary s, Provenance p) {
        if (s == null) {
            return "";
        }
        if (s.count() <= 1) {
            return Html.esc(t.get("firstScan"));
        }
        ZoneOffset zone = p == null || p.events().isEmpty() ? ZoneOffset.UTC : zone(p.events().get(p.events().size() - 1));
        // the sentence's words escaped once per language, the count and the time's markup put in as they are
        return SCANS.computeIfAbsent(t.lang(), l -> Sentence.of(t.get("scans")))
                .fill(new StringBuilder(192), Long.toString(s.count()), time(s.since(), zone)).toString();
    }

    private static ZoneOffset zone(TimelineEvent e) {
        try {
            return e.timeZoneOffset() == null ? ZoneOffset.UTC : ZoneOffset.of(e.timeZoneOffset());
        } catch (java.time.DateTimeException ex) {
            return ZoneOffset.UTC;
        }
    }

    /** The offset of the latest event at or before {@code i}, else of the earliest event; UTC without events. */
    static ZoneOffset zoneAt(Provenance p, Instant i) {
        TimelineEvent before = null;
        TimelineEvent earliest = null;
        for (TimelineEvent e : p.events()) {
            if (earliest == null || e.time().isBefore(earliest.time())) {
                earliest = e;
            }
            if (!e.time().isAfter(i) && (before == null || !e.time().isBefore(before.time()))) {
                before = e;
            }
        }
        return before != null ? zone(before) : earliest != null ? zone(earliest) : ZoneOffset.UTC;
    }

    /** The day of {@code i} where the pack was then (the offset of the journey's event before it), as the page shows days. */
    public static java.time.LocalDate localDay(Provenance p, Instant i) {
        return i.atOffset(zoneAt(p, i)).toLocalDate();
    }

    /** {@code 2026-03-01 16:00 (+08:00)}. */
    static String when(Instant i, ZoneOffset zone) {
        return when(new StringBuilder(24), i, zone).toString();
    }

    /**
     * {@link #when(Instant, ZoneOffset)} written into the page. By hand for years 0-9999 (every page
     * formats a time per event; the formatter's parse context and the offset's rules were a measurable
     * share of a page's allocation); the formatter for any other year.
     */
    static StringBuilder when(StringBuilder b, Instant i, ZoneOffset zone) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, zone);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return b.append(WHEN.format(i.atOffset(zone))).append(" (").append(OFFSET.format(zone)).append(')');
        }
        int year = t.getYear();
        two(two(b, year / 100), year % 100).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(" (");
        int offset = zone.getTotalSeconds();
        b.append(offset < 0 ? '-' : '+');
        two(b, Math.abs(offset) / 3600).append(':');
        return two(b, Math.abs(offset) / 60 % 60).append(')');
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String minutes(long seconds) {
        return seconds % 60 == 0 ? Long.toString(seconds / 60) : String.format(Locale.ROOT, "%.1f", seconds / 60.0);
    }

    private static String sha256Prefix(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
