package org.prooftrail.api.resolver;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.limits.PublicRateLimit;
import org.prooftrail.api.page.ConsumerPage;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.api.provenance.RecentReadings;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.Database;
import org.prooftrail.store.changes.ChangeListener;
import org.prooftrail.store.journey.RegisteredCodes;
import org.prooftrail.store.scans.ScanLog;

/**
 * The public GS1 Digital Link resolver: {@code /01/{gtin}}, {@code /01/{gtin}/10/{lot}},
 * {@code /01/{gtin}/10/{lot}/21/{serial}} and {@code /cn/{code}}. Short GTINs are redirected (301) to
 * their 14-digit path; check digits and qualifier order are enforced (400 saying what is wrong);
 * the lot may be left out of an item link ({@code /01/g/21/s}) and is then added by a redirect.
 * Lookups run on a pool of their own ({@link Database#sibling}) whose statements keep one generic
 * plan per connection ({@link Database.PlanCache#FORCE_GENERIC_PLAN}): the lookup's three statements are
 * written so that their plan does not depend on their parameters or the tables' size. With streaming
 * replicas ({@code PT_DB_READ_URL}) that pool reads a replica; scans are counted on the primary, and a code
 * the replica does not know is asked of the primary before it is called unknown (it may have been
 * registered a moment ago): a replica behind the primary makes a page older, never wrong.
 */
public final class ResolverRoutes implements ApiFeature, AutoCloseable {
    /** The three shapes the contract describes; anything else under /01/ is handled here first. */
    private static final Pattern CONTRACT_SHAPES = Pattern.compile("/01/[^/]+(/10/[^/]+(/21/[^/]+)?)?");
    /** An item link of the contract's shape with a 14-digit GTIN (shorter ones are redirected by the contract's route). */
    private static final Pattern ITEM_SHAPE = Pattern.compile("/01/[0-9]{14}/10/[^/]+/21/[^/]+");
    /** The contract's route templates of the operations answered directly, as metrics name them. */
    private static final String ITEM_ROUTE = "/01/:gtin/10/:lot/21/:serial";
    private static final String CHINA_ROUTE = "/cn/:code";

    /** The lookups' own pool. */
    private final Database db;
    /** The API's pool on the primary: misses on a replica are asked again there. */
    private final Database primary;
    private final boolean replica;
    private final PublicRateLimit limiter;
    /** The static files' budget (the page's script). */
    private final PublicRateLimit files;
    private final ScanLog scans;
    private final CodeResolver resolver;
    private final Responder responder;
    private final ChangeListener changes;

    /**
     * @param db          the API's pool on the primary: the scan log writes through it
     * @param reads       what lookups read: {@code db}, or a streaming replica's pool
     * @param connections the lookup pool's size (one per lookup thread)
     */
    public ResolverRoutes(Database db, Database reads, int connections, ResolverSettings settings, PublicRateLimit limiter,
                          PublicRateLimit files, MeterRegistry metrics) {
        this.files = files;
        this.db = reads.sibling("pt-db-lookups", Database.PlanCache.FORCE_GENERIC_PLAN, connections);
        this.primary = db;
        this.replica = reads != db;
        this.limiter = limiter;
        this.scans = new ScanLog(db, settings.regionThreshold());
        KeptJourneys kept = new KeptJourneys(settings.keepJourneys(), settings.keptItems());
        // notices come from the primary (the writers' transactions); with a replica, each with the primary's position
        this.changes = settings.keepJourneys().isZero() ? null : new ChangeListener(db.settings(), kept, replica);
        this.resolver = new CodeResolver(new ProvenanceService(settings.epcBases(),
                new RecentReadings(settings.keepReadings(), RecentReadings.DEFAULT_MAX_SAMPLES)), scans, kept, replica);
        metrics.gauge("pt_lookup_kept_items", kept, KeptJourneys::size);
        metrics.gauge("pt_lookup_dropped_items", kept, KeptJourneys::dropped);
        this.responder = new Responder(settings, metrics);
        metrics.gauge("pt_scan_log_waiting", scans, ScanLog::waiting);
        metrics.gauge("pt_scan_log_dropped", scans, ScanLog::dropped);
        FunctionCounter.builder("pt_clone_warnings_total", scans, ScanLog::cloneWarnings)
                .description("clone-warning alerts raised by this process's scan writer (a pack looked up from too many regions)")
                .register(metrics);
    }

    /** Writes the lookups the scan log still holds (graceful shutdown). */
    @Override
    public void close() {
        if (changes != null) {
            changes.close();
        }
        scans.close();
        db.close();
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().lookups();
        m.plain().getWithRegex("/01/.*").handler(ctx -> {
            String path = ctx.request().path();
            String[] parts = path.split("/");
            String gtin = parts.length > 2 ? parts[2] : "";
            String problem = Gtin.problemOfRaw(gtin);
            if (problem != null && limiter.allow(ctx)) {
                // said here, because the contract's pattern check would only say "Bad Request"
                Problems.send(ctx, 400, "'" + gtin + "': " + problem + "; a GS1 Digital Link looks like /01/{gtin}/10/{lot}/21/{serial}");
            } else if (problem == null && ITEM_SHAPE.matcher(path).matches() && plainQuery(ctx)) {
                direct(workers, ctx, path);
            } else if (problem == null && CONTRACT_SHAPES.matcher(path).matches()) {
                ctx.next(); // on to the contract's routes
            } else if (problem == null && limiter.allow(ctx)) {
                otherShape(workers, ctx);
            }
        });
        m.plain().getWithRegex("/cn/[^/]*").handler(ctx -> {
            String code = ctx.request().path().substring(4);
            String problem = ChinaDrugCode.problemOf(code);
            if (problem == null && plainQuery(ctx)) {
                ctx.request().routed(CHINA_ROUTE);
                if (limiter.allow(ctx)) {
                    china(workers, ctx, code);
                }
            } else if (problem == null) {
                ctx.next();
            } else if (limiter.allow(ctx)) {
                Problems.send(ctx, 400, "'" + code + "': " + problem);
            }
        });
        // the consumer page's script, the same for every page: kept by browsers for a year (its name is its hash)
        m.plain().get(ConsumerPage.SCRIPT_PATH).handler(files).handler(ctx -> ctx.response()
                .putHeader("content-type", "text/javascript; charset=utf-8")
                .putHeader("cache-control", "public, max-age=31536000, immutable")
                .putHeader("x-content-type-options", "nosniff").end(io.vertx.core.buffer.Buffer.buffer(ConsumerPage.SCRIPT)));
        m.operation("resolveProduct").addHandler(limiter).addHandler(ctx -> resolve(workers, ctx));
        m.operation("resolveLot").addHandler(limiter).addHandler(ctx -> resolve(workers, ctx));
        m.operation("resolveItem").addHandler(limiter).addHandler(ctx -> resolve(workers, ctx));
        m.operation("resolveChinaDrugCode").addHandler(limiter).addHandler(ctx -> china(workers, ctx, ctx.pathParam("code")));
    }

    /**
     * Whether the query holds only what the item operations take, within the contract's bounds
     * ({@code 17}: six digits, {@code linkType} up to 100 characters, {@code lang} en or zh), so that
     * the request needs nothing from the contract's validation. Anything else goes the contract's way
     * (and gets its 400 there).
     */
    private static boolean plainQuery(RoutingContext ctx) {
        for (var e : ctx.queryParams()) {
            String v = e.getValue();
            boolean fine = switch (e.getKey()) {
                case "17" -> v.length() == 6 && v.chars().allMatch(ch -> ch >= '0' && ch <= '9');
                case "linkType" -> v.length() <= 100;
                case "lang" -> v.equals("en") || v.equals("zh");
                default -> false;
            };
            if (!fine || ctx.queryParams().getAll(e.getKey()).size() > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * An item link answered without the contract's request validation: consumer lookups are the hottest
     * path, and vertx-openapi builds a JSON schema validator per parameter per request (copying its
     * schema repository each time: the largest cost of a kept lookup in a profile). The path is checked
     * here as strictly (GTIN check digit, lot and serial of GS1 set 82, see DigitalLink), the query by
     * {@link #plainQuery}; the operation and its answers are the contract's {@code resolveItem}.
     */
    private void direct(WorkerExecutor workers, RoutingContext ctx, String path) {
        // metrics label the request by the routes it took: name the operation's, as the contract's route would
        ctx.request().routed(ITEM_ROUTE);
        if (!limiter.allow(ctx)) {
            return;
        }
        DigitalLink link;
        try {
            link = DigitalLink.parsePath(path);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage() + "; a GS1 Digital Link looks like /01/{gtin}/10/{lot}/21/{serial}");
            return;
        }
        resolve(workers, ctx, path.split("/")[2], link.lot(), link.serial());
    }

    private void resolve(WorkerExecutor workers, RoutingContext ctx) {
        resolve(workers, ctx, ctx.pathParam("gtin"), ctx.pathParam("lot"), ctx.pathParam("serial"));
    }

    private void resolve(WorkerExecutor workers, RoutingContext ctx, String rawGtin, String lot, String serial) {
        long started = System.nanoTime();
        DigitalLink link;
        LocalDate expiry;
        try {
            Gtin gtin = Gtin.parse(rawGtin);
            link = new DigitalLink(gtin, lot, serial);
            expiry = DigitalLink.expiry(ctx.request().getParam("17")).orElse(null);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage() + "; a GS1 Digital Link looks like /01/{14-digit GTIN}/10/{lot}/21/{serial}");
            return;
        }
        if (rawGtin.length() != 14) {
            redirect(ctx, link.path());
            return;
        }
        Representation rep = Representation.of(ctx);
        String region = region(ctx);
        LookupTag tag = responder.tag(ctx, rep);
        if (serial != null && rep != Representation.HTML) {
            // a kept item's JSON, linkset or 304 is a few microseconds of work: answered here, without
            // the hop to a worker and back; pages (rendering) and misses (statements) go to a worker
            Resolution kept = resolver.keptItem(link.gtin().value(), serial, lot, region, tag);
            if (kept != null) {
                responder.send(ctx, kept, rep, expiry, started);
                return;
            }
        }
        String lang = responder.lang(ctx);
        workers.executeBlocking(() -> responder.answer(lookUp(link, lot, serial, region, tag), rep, lang, expiry), false)
                .onSuccess(a -> responder.send(a, ctx, rep, expiry, started))
                .onFailure(e -> failed(ctx, e));
    }

    /** A product, lot or item lookup, on a worker; one that a replica does not know yet is asked of the primary. */
    private Resolution lookUp(DigitalLink link, String lot, String serial, String region, LookupTag tag) throws Exception {
        Resolution r;
        if (serial != null) {
            r = resolver.item(db, link.gtin().value(), serial, lot, region, tag);
        } else {
            try (Connection c = db.connection()) {
                r = lot != null ? resolver.lot(c, link.gtin(), lot, region, tag) : resolver.product(c, link.gtin(), region, tag);
            }
        }
        if (r.status() != 404 || !replica) {
            return r;
        }
        try (Connection c = primary.connection()) {
            return serial != null ? resolver.itemAsStored(c, link.gtin().value(), serial, lot, region, tag)
                    : lot != null ? resolver.lot(c, link.gtin(), lot, region, tag) : resolver.product(c, link.gtin(), region, tag);
        }
    }

    private void china(WorkerExecutor workers, RoutingContext ctx, String code) {
        long started = System.nanoTime();
        Representation rep = Representation.of(ctx);
        String region = region(ctx);
        LookupTag tag = responder.tag(ctx, rep);
        if (rep != Representation.HTML) {
            Resolution kept = resolver.keptChinaItem(code, region, tag);
            if (kept != null) {
                responder.send(ctx, kept, rep, null, started);
                return;
            }
        }
        String lang = responder.lang(ctx);
        workers.executeBlocking(() -> {
            Resolution r = resolver.chinaItem(db, code, region, tag);
            if (r.status() == 404 && replica) {
                try (Connection c = primary.connection()) {
                    r = resolver.chinaItemAsStored(c, code, region, tag);
                }
            }
            return responder.answer(r, rep, lang, null);
        }, false).onSuccess(a -> responder.send(a, ctx, rep, null, started))
                .onFailure(e -> failed(ctx, e));
    }

    /** Links the contract does not describe: wrong order (400), a trailing slash, or an item without its lot. */
    private void otherShape(WorkerExecutor workers, RoutingContext ctx) {
        DigitalLink link;
        try {
            link = DigitalLink.parsePath(ctx.request().path());
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage() + "; a GS1 Digital Link looks like /01/{gtin}/10/{lot}/21/{serial}");
            return;
        }
        if (link.serial() == null || link.lot() != null) {
            redirect(ctx, link.path());
            return;
        }
        workers.executeBlocking(() -> {
            var item = java.util.Optional.<org.prooftrail.store.journey.Item>empty();
            try (Connection c = db.connection()) {
                item = RegisteredCodes.item(c, link.gtin().value(), link.serial());
            }
            if (item.isEmpty() && replica) {
                try (Connection c = primary.connection()) {
                    item = RegisteredCodes.item(c, link.gtin().value(), link.serial());
                }
            }
            return item;
        }, false).onSuccess(item -> {
            if (item.isEmpty()) {
                Problems.send(ctx, 404, "no item " + link.gtin().value() + " / " + link.serial() + " is registered here");
            } else {
                redirect(ctx, new DigitalLink(link.gtin(), item.get().lot(), link.serial()).path());
            }
        }).onFailure(e -> failed(ctx, e));
    }

    /** The one mapping of failures (see there): the database away is a 503, anything else our bug. */
    static void failed(RoutingContext ctx, Throwable e) {
        Problems.failed(ctx, e);
    }

    private static void redirect(RoutingContext ctx, String path) {
        String query = ctx.request().query();
        ctx.response().setStatusCode(301).putHeader("location", query == null ? path : path + "?" + query)
                .putHeader("cache-control", "public, max-age=86400").end();
    }

    private static String region(RoutingContext ctx) {
        return ScanRegion.of(ctx.request().getHeader("cf-ipcountry"), ctx.request().getHeader("x-region"));
    }
}
