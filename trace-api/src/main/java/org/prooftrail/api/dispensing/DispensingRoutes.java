package org.prooftrail.api.dispensing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;
import org.prooftrail.store.dispensing.Dispensings;
import org.prooftrail.store.dispensing.Pack;
import org.prooftrail.store.dispensing.RecordedSale;
import org.prooftrail.store.dispensing.SaleOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/dispensings} ({@code recordDispensing}): a pharmacy or hospital sells a pack, the NHSA
 * one-sale rule. Any company may sell any pack (pharmacies sell what others make: that is the point), but
 * only as its own organisation, taken from its token; regulators and admins do not sell. The first sale is
 * recorded (201); the same sale sent again by its seller (same place, same {@code soldAt}) is answered 200;
 * any other sale of a sold pack is refused (409, naming the first sale) and raised to regulators as a
 * {@code second-sale} alert, a withdrawn pack likewise (409, {@code retired-pack-sale}); an unknown code
 * is a 404. Every outcome is counted in {@code pt_dispensings_total{outcome}}; every refusal logged once.
 */
public final class DispensingRoutes implements ApiFeature {
    private static final Logger LOG = LoggerFactory.getLogger(DispensingRoutes.class);

    private final Dispensings dispensings;
    private final MeterRegistry metrics;

    public DispensingRoutes(Database db, MeterRegistry metrics) {
        this.dispensings = new Dispensings(db.dataSource());
        this.metrics = metrics;
    }

    @Override
    public void mount(ApiMount m) {
        m.operation("recordDispensing").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> sell(m, ctx));
    }

    private void sell(ApiMount m, RoutingContext ctx) {
        DispensingRequest req;
        try {
            JsonObject body = ctx.body().asJsonObject();
            req = DispensingRequest.parse(body == null ? new JsonObject() : body, Instant.now());
        } catch (IllegalArgumentException e) {
            count("invalid");
            LOG.info("sale refused as malformed: {}", e.getMessage());
            Problems.send(ctx, 400, e.getMessage());
            return;
        }
        Principal seller = BearerAuth.principal(ctx);
        m.workers().queries().executeBlocking(() -> dispensings.sell(req.pack(), req.sale(seller.org())), false)
                .onSuccess(outcome -> answer(ctx, req, seller, outcome))
                .onFailure(e -> Problems.failed(ctx, e));
    }

    private void answer(RoutingContext ctx, DispensingRequest req, Principal seller, SaleOutcome outcome) {
        if (outcome instanceof SaleOutcome.Sold s) {
            count("sold");
            reply(ctx, 201, s.pack(), s.sale());
        } else if (outcome instanceof SaleOutcome.Repeated r) {
            count("repeated");
            reply(ctx, 200, r.pack(), r.sale());
        } else if (outcome instanceof SaleOutcome.AlreadySold a) {
            count("second-sale");
            RecordedSale first = a.first();
            String detail = "pack " + a.pack().path() + " was already dispensed on " + first.soldAt() + " by "
                    + first.orgName() + " (" + first.orgId() + ") at GLN " + first.location()
                    + "; a pack is sold once, so this sale is refused and reported to regulators as a suspected "
                    + "counterfeit or swapped pack (alert " + a.alertId() + ")";
            LOG.warn("second sale of {} by {} at {} refused; first sold {} by {} [alert {}]", a.pack().path(),
                    seller.org(), req.location(), first.soldAt(), first.orgId(), a.alertId());
            Problems.send(ctx, 409, detail, new JsonObject().put("reason", "already-dispensed")
                    .put("pack", pack(a.pack())).put("firstSale", sale(first)).put("alert", a.alertId()));
        } else if (outcome instanceof SaleOutcome.Retired r) {
            count("retired");
            LOG.warn("sale of withdrawn pack {} by {} at {} refused [alert {}]", r.pack().path(), seller.org(),
                    req.location(), r.alertId());
            Problems.send(ctx, 409, "pack " + r.pack().path() + " was withdrawn by its maker and must not be sold; "
                    + "this sale is refused and reported to regulators (alert " + r.alertId() + ")",
                    new JsonObject().put("reason", "retired").put("pack", pack(r.pack())).put("alert", r.alertId()));
        } else if (outcome instanceof SaleOutcome.Unknown u) {
            count("unknown");
            LOG.info("sale of unknown pack {} by {} refused: {}", req.pack(), seller.org(), u.detail());
            Problems.send(ctx, 404, u.detail());
        } else if (outcome instanceof SaleOutcome.UnknownSeller u) {
            count("unknown-seller");
            LOG.info("sale by unregistered organisation {} refused", u.orgId());
            Problems.send(ctx, 403, "organisation '" + u.orgId() + "' of this token is not registered here; "
                    + "only registered organisations may record sales");
        } else {
            Problems.failed(ctx, new IllegalStateException("unhandled sale outcome " + outcome));
        }
    }

    private static void reply(RoutingContext ctx, int status, Pack pack, RecordedSale sale) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("location", pack.path()).putHeader("cache-control", "no-store")
                .end(pack(pack).mergeIn(sale(sale)).encode());
    }

    static JsonObject pack(Pack p) {
        return new JsonObject().put("gtin", p.gtin()).put("lot", p.lot()).put("serial", p.serial()).put("cnCode", p.cnCode())
                .put("digitalLink", p.path());
    }

    static JsonObject sale(RecordedSale s) {
        return new JsonObject().put("soldAt", s.soldAt().toString()).put("recordedAt", s.recordedAt().toString())
                .put("organisation", new JsonObject().put("id", s.orgId()).put("name", s.orgName()))
                .put("location", s.location());
    }

    private void count(String outcome) {
        Counter.builder("pt_dispensings_total").description("Sales reported to POST /v1/dispensings, by outcome")
                .tag("outcome", outcome).register(metrics).increment();
    }
}
