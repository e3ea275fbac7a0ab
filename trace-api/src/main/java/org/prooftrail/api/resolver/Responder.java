package org.prooftrail.api.resolver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import io.micrometer.core.instrument.MeterRegistry;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.page.ConsumerPage;
import org.prooftrail.api.page.PageModel;
import org.prooftrail.api.page.PageText;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.store.scans.ScanSummary;

/**
 * Turns a lookup into the representation asked for: the consumer page, the provenance JSON or the
 * linkset; 404 and 410 as pages for browsers and problems otherwise. Caching: the weak ETag the
 * lookup computed ({@link LookupTag}, not over the scan count, which changes with every lookup),
 * {@code no-cache} so that clients revalidate as events arrive; the lookup itself answers 304 on a
 * matching If-None-Match, before building the journey.
 */
final class Responder {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String CSP = "default-src 'none'; script-src 'nonce-%1$s'; style-src 'nonce-%1$s'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** A warning: a code for machines, a sentence for people. */
    record Warning(String code, String en, String zh) {
    }

    /** A consumer page rendered, with the nonce its Content-Security-Policy names. */
    record Page(ConsumerPage.Rendered rendered, String nonce) {
    }

    /** A lookup and, for a browser, its page rendered already (see {@link #answer}). */
    record Answer(Resolution resolution, Page page) {
    }

    private final ResolverSettings settings;
    private final MeterRegistry metrics;
    /** The lookup counters by representation and status, found in the registry once rather than per lookup. */
    private final java.util.concurrent.ConcurrentHashMap<String, io.micrometer.core.instrument.Counter> lookups =
            new java.util.concurrent.ConcurrentHashMap<>();

    Responder(ResolverSettings settings, MeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    void send(RoutingContext ctx, Resolution l, Representation rep, LocalDate labelExpiry, long startedNanos) {
        send(ctx, l, rep, labelExpiry, startedNanos, null);
    }

    /**
     * The lookup with the page {@link #send} would render, rendered here: a worker calls this, so that
     * the single HTTP event loop only writes the page's parts. Rendering is most of an HTML answer's
     * cost (a kept pack's lookup is a map read); on the event loop it capped pages at one core and made
     * every request wait behind the pages in front of it.
     *
     * @param lang from {@link #lang}, read on the event loop
     */
    Answer answer(Resolution l, Representation rep, String lang, LocalDate labelExpiry) {
        if (rep != Representation.HTML || l.status() == 304) {
            return new Answer(l, null);
        }
        return new Answer(l, page(l, lang, warnings(l, labelExpiry), l.status() == 200 ? proofs(l.provenance()) : null));
    }

    /** The page's language for this request: {@code lang=}, else Accept-Language. */
    String lang(RoutingContext ctx) {
        return PageText.choose(ctx.request().getParam("lang"), ctx.request().getHeader("accept-language"));
    }

    void send(Answer a, RoutingContext ctx, Representation rep, LocalDate labelExpiry, long startedNanos) {
        send(ctx, a.resolution(), rep, labelExpiry, startedNanos, a.page());
    }

    private void send(RoutingContext ctx, Resolution l, Representation rep, LocalDate labelExpiry, long startedNanos,
                      Page rendered) {
        lookups.computeIfAbsent(rep.name() + l.status(), k -> metrics.counter("pt_resolver_lookups", "representation",
                rep.name().toLowerCase(java.util.Locale.ROOT), "status", Integer.toString(l.status()))).increment();
        String lang = lang(ctx);
        long tenths = Math.round((System.nanoTime() - startedNanos) / 1e5);
        ctx.response().putHeader("vary", "Accept, Accept-Language")
                .putHeader("server-timing", "lookup;dur=" + tenths / 10 + "." + tenths % 10);
        if (l.status() == 304) {
            ctx.response().setStatusCode(304).putHeader("etag", l.etag()).putHeader("cache-control", cacheControl(rep)).end();
            return;
        }
        if (l.status() != 200 && rep != Representation.HTML) {
            Problems.send(ctx, l.status(), l.detail());
            return;
        }
        List<Warning> warnings = warnings(l, labelExpiry);
        if (l.status() != 200) {
            html(ctx, l, rendered != null ? rendered : page(l, lang, warnings, null));
            return;
        }
        String canonical = base(ctx) + l.canonical();
        ctx.response().putHeader("etag", l.etag()).putHeader("cache-control", cacheControl(rep));
        switch (rep) {
            case JSON -> {
                JsonObject body = l.provenance() != null ? ProvenanceJson.of(l.provenance())
                        : new JsonObject().put("product", ProvenanceJson.product(l.product()));
                body.put("canonical", canonical);
                body.put("scans", scans(l.scans()));
                JsonArray w = new JsonArray();
                warnings.forEach(x -> w.add(new JsonObject().put("code", x.code()).put("message", x.en())));
                body.put("warnings", w);
                ctx.response().putHeader("content-type", "application/json").end(body.toBuffer()); // no String in between
            }
            case LINKSET -> ctx.response().putHeader("content-type", "application/linkset+json")
                    .end(Linkset.of(canonical, l.product().name(),
                            l.provenance() == null ? null : ProvenanceJson.evidenceUrl(l.provenance())).encode());
            default -> html(ctx, l, rendered != null ? rendered : page(l, lang, warnings, proofs(l.provenance())));
        }
    }

    /**
     * What the lookup's ETag depends on besides the data (see {@link LookupTag}), read here on the
     * event loop so that the worker can answer 304 before it builds anything.
     */
    LookupTag tag(RoutingContext ctx, Representation rep) {
        String lang = PageText.choose(ctx.request().getParam("lang"), ctx.request().getHeader("accept-language"));
        return new LookupTag(rep + "|" + lang + "|" + base(ctx), ctx.request().getHeader("if-none-match"));
    }

    private static String cacheControl(Representation rep) {
        return (rep == Representation.HTML ? "private" : "public") + ", no-cache";
    }

    private static Page page(Resolution l, String lang, List<Warning> warnings, List<String> proofs) {
        String nonce = Base64.getEncoder().encodeToString(bytes(18));
        List<String> p = proofs == null ? List.of() : proofs;
        PageModel m = new PageModel(PageText.of(lang), l.status(), l.detail(), l.product(),
                l.status() == 200 ? l.provenance() : null, l.scans(),
                warnings.stream().map(w -> "zh".equals(lang) ? w.zh() : w.en()).toList(), p, nonce);
        return new Page(ConsumerPage.render(m), nonce);
    }

    private void html(RoutingContext ctx, Resolution l, Page rendered) {
        String nonce = rendered.nonce();
        ctx.response().setStatusCode(l.status()).putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("content-security-policy", CSP.replace("%1$s", nonce))
                .putHeader("x-content-type-options", "nosniff").putHeader("referrer-policy", "no-referrer");
        if (l.status() != 200) {
            ctx.response().putHeader("cache-control", "no-store");
        }
        ConsumerPage.Rendered page = rendered.rendered();
        HttpServerResponse response = ctx.response().putHeader("content-length", Integer.toString(page.length()));
        for (Buffer part : page.parts()) {
            response.write(part); // sent together: writes in a request's handler are flushed once, after it
        }
        response.end();
    }

    private static List<String> proofs(Provenance p) {
        return p == null ? List.of() : ProvenanceJson.keyEvents(p.events()).stream().map(ProvenanceJson::proofUrl).toList();
    }

    private static List<Warning> warnings(Resolution l, LocalDate labelExpiry) {
        List<Warning> w = new ArrayList<>();
        ScanSummary s = l.scans();
        Provenance p = l.provenance();
        if (s != null && s.afterDispensing() > 0 && p != null && p.item() != null && p.item().dispensedAt() != null) {
            String day = ConsumerPage.localDay(p, p.item().dispensedAt()).toString(); // as the page's "dispensed on" says it
            w.add(new Warning("scanned-after-dispensing", PageText.of("en").format("dispensed", day, s.afterDispensing()),
                    PageText.of("zh").format("dispensed", day, s.afterDispensing())));
        }
        if (s != null && s.tooManyRegions()) {
            w.add(new Warning("many-regions", PageText.of("en").format("regions", s.regions()),
                    PageText.of("zh").format("regions", s.regions())));
        }
        if (labelExpiry != null && p != null && p.lot() != null && p.lot().expiresOn() != null
                && !labelExpiry.equals(p.lot().expiresOn())) {
            w.add(new Warning("expiry-mismatch", PageText.of("en").format("expiryMismatch", labelExpiry, p.lot().expiresOn()),
                    PageText.of("zh").format("expiryMismatch", labelExpiry, p.lot().expiresOn())));
        }
        return w;
    }

    private static JsonObject scans(ScanSummary s) {
        return new JsonObject().put("count", s.count()).put("since", s.since().toString()).put("regions", s.regions())
                .put("afterDispensing", s.afterDispensing());
    }

    /** The configured public base, else the one this request came in on. */
    String base(RoutingContext ctx) {
        if (settings.base() != null) {
            return settings.base();
        }
        String host = ctx.request().getHeader("host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return ctx.request().scheme() + "://" + host;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
