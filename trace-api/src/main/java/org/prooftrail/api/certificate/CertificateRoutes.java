package org.prooftrail.api.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.epcis.AttestedEvents;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.registry.BlockingReplies;
import org.prooftrail.api.registry.Refusal;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.core.certificate.CertificateRequest;
import org.prooftrail.core.certificate.CommitmentCertificate;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.store.certificates.Certificates;
import org.prooftrail.store.certificates.StoredCertificate;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.ProductDetails;
import org.prooftrail.store.registry.Products;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commitment-compliance certificates (承诺达标合格证): a producer issues one per lot of its own
 * produce ({@code POST /v1/certificates}), signed and logged as an attested event
 * ({@link CertificateEvents}); anyone reads it at its public page ({@code GET /v1/certificates/{id}},
 * HTML or JSON), the issuer prints it as a label (PNG or PDF), and purchasers record receiving it.
 */
public final class CertificateRoutes implements ApiFeature {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final AttestedEvents attested;
    private final Certificates certificates;
    private final Products products;
    private final Lots lots;
    private final CertificateSettings settings;
    private final String base;
    private final MeterRegistry metrics;
    private final LabelFonts fonts;
    private final org.prooftrail.api.limits.PublicRateLimit limit;
    private ApiMount mount;

    /** @param limit the budget of a certificate's public page per client address */
    public CertificateRoutes(ApiContext c, AttestedEvents attested, org.prooftrail.api.limits.PublicRateLimit limit) {
        this.attested = attested;
        this.limit = limit;
        this.certificates = new Certificates(c.db().dataSource());
        this.products = new Products(c.db().dataSource());
        this.lots = new Lots(c.db().dataSource());
        this.settings = CertificateSettings.from(c.settings());
        this.base = ResolverSettings.from(c.settings()).base();
        this.metrics = c.metrics();
        this.fonts = LabelFonts.load(settings.fontFile());
    }

    @Override
    public void mount(ApiMount m) {
        this.mount = m;
        m.operation("issueCertificate").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(this::issue);
        m.operation("getCertificate").addHandler(limit).addHandler(this::show);
        m.operation("getCertificateLabel").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR))
                .addHandler(this::label);
        m.operation("receiveCertificate").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(this::receive);
        new CertificateList(certificates).mount(m);
    }

    private void issue(RoutingContext ctx) {
        Principal p = BearerAuth.principal(ctx);
        if (!mount.auth().checkWrite(ctx, p.org())) {
            return;
        }
        CertificateRequest.Stated stated;
        try {
            stated = CertificateRequest.read(body(ctx), LocalDate.now(CHINA));
        } catch (CertificateRequest.Refused r) {
            refuse(ctx, "invalid", new Refusal(422, r.field(), r.getMessage()));
            return;
        }
        String page = pageUri(ctx, newId());
        String id = page.substring(page.lastIndexOf('/') + 1);
        BlockingReplies.blocking(mount.workers().bulk(), () -> {
            ProductDetails product = products.details(stated.gtin()).orElseThrow(() -> new Refusal(422, "gtin",
                    "gtin: no product with GTIN " + stated.gtin() + " is registered; register it first (POST /v1/products)"));
            if (!product.org().equals(p.org())) {
                throw new Refusal(403, "lot", "lot '" + stated.lot() + "' of GTIN " + stated.gtin() + " belongs to organisation '"
                        + product.org() + "', not '" + p.org() + "': a certificate is issued by the lot's producer; "
                        + "for bought produce you mixed or repacked, issue one for your own lot");
            }
            if (!"produce".equals(product.category())) {
                throw new Refusal(422, "gtin", "gtin: GTIN " + stated.gtin() + " is a product of category '" + product.category()
                        + "'; commitment-compliance certificates are for farm produce (category 'produce')");
            }
            if (lots.find(products.find(stated.gtin()).orElseThrow(), stated.lot()).isEmpty()) {
                throw new Refusal(422, "lot", "lot: lot '" + stated.lot() + "' of GTIN " + stated.gtin()
                        + " is not registered; register it first (POST /v1/products/" + stated.gtin() + "/lots)");
            }
            CommitmentCertificate cert = stated.issue(id, p.org(), product.name());
            EpcisEvent event = CertificateEvents.issued(cert, page, Instant.now());
            String eventId = event.json().get("eventID").asText();
            attested.store(p.org(), p.subject(), List.of(event), CertificateEvents.PUBLISHED, c -> Certificates.insert(c, id, p.org(), cert.gtin(),
                    cert.lot(), cert.issuedOn(), eventId, cert.json()));
            LOG.info("certificate {} issued by {} for lot {} of {}", id, p.org(), cert.lot(), cert.gtin());
            return certificates.find(id).orElseThrow();
        }).onSuccess(stored -> {
            count("issued");
            ctx.response().setStatusCode(201).putHeader("Location", CertificateJson.path(id))
                    .putHeader("content-type", "application/json").end(json(stored).encode());
        }).onFailure(e -> refuse(ctx, "refused", e));
    }

    private void show(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        boolean html = Optional.ofNullable(ctx.request().getHeader("accept")).orElse("").contains("text/html");
        BlockingReplies.blocking(mount.workers().queries(), () -> certificates.find(id)).onSuccess(found -> {
            if (found.isEmpty()) {
                Problems.send(ctx, 404, "no certificate " + id);
            } else if (html) {
                String lang = CertificatePage.language(ctx.request().getParam("lang"), ctx.request().getHeader("accept-language"));
                byte[] n = new byte[16];
                RANDOM.nextBytes(n);
                String nonce = java.util.Base64.getEncoder().encodeToString(n);
                ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'")
                        .end(CertificatePage.render(found.get(), lang, nonce));
            } else {
                ctx.response().putHeader("content-type", "application/json").end(json(found.get()).encode());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private void label(RoutingContext ctx) {
        Principal p = BearerAuth.principal(ctx);
        String id = ctx.pathParam("id");
        String format = Optional.ofNullable(ctx.request().getParam("format")).orElse("png");
        String page = pageUri(ctx, id);
        BlockingReplies.blocking(mount.workers().labels(), () -> {
            StoredCertificate c = certificates.find(id).filter(x -> p.mayRead(x.org()))
                    .orElseThrow(() -> Refusal.notFound("no certificate " + id + " of your organisation"));
            return format.equals("pdf") ? pdf(c, page) : png(c, page);
        }).onSuccess(bytes -> {
            count("label_" + format);
            ctx.response().putHeader("content-type", format.equals("pdf") ? "application/pdf" : "image/png")
                    .putHeader("content-disposition", "inline; filename=\"certificate-" + id + "." + format + "\"")
                    .end(io.vertx.core.buffer.Buffer.buffer(bytes));
        }).onFailure(e -> BlockingReplies.fail(ctx, e));
    }

    private void receive(RoutingContext ctx) {
        Principal p = BearerAuth.principal(ctx);
        if (!mount.auth().checkWrite(ctx, p.org())) {
            return;
        }
        String id = ctx.pathParam("id");
        JsonObject body = BlockingReplies.body(ctx);
        Instant receivedAt;
        try {
            receivedAt = body.containsKey("receivedAt") ? Instant.parse(body.getString("receivedAt")) : Instant.now();
        } catch (RuntimeException e) {
            refuse(ctx, "invalid", new Refusal(422, "receivedAt", "receivedAt: give an RFC 3339 time with Z, e.g. 2026-03-01T08:00:00Z"));
            return;
        }
        String page = pageUri(ctx, id);
        BlockingReplies.blocking(mount.workers().bulk(), () -> {
            StoredCertificate c = certificates.find(id).orElseThrow(() -> Refusal.notFound("no certificate " + id));
            EpcisEvent event = CertificateEvents.received(id, c.gtin(), c.lot(), page, receivedAt, p.org());
            String eventId = event.json().get("eventID").asText();
            attested.store(p.org(), p.subject(), List.of(event), EpcisDisclosurePolicy.defaults(), x -> Certificates.insertReceipt(x, id, p.org(), eventId, receivedAt));
            LOG.info("certificate {} received by {}", id, p.org());
            return certificates.find(id).orElseThrow();
        }).onSuccess(stored -> {
            count("received");
            ctx.response().setStatusCode(201).putHeader("content-type", "application/json").end(json(stored).encode());
        }).onFailure(e -> refuse(ctx, "refused", e));
    }

    private JsonObject json(StoredCertificate c) {
        JsonArray receipts = new JsonArray();
        c.receipts().forEach(r -> receipts.add(new JsonObject().put("org", r.org()).put("eventID", r.eventId())
                .put("receivedAt", r.receivedAt().toString())));
        return CertificateJson.of(c.content()).put("eventID", c.eventId()).put("proof", "/v1/proofs/" + c.device() + "/" + c.seq())
                .put("receipts", receipts).put("recordedAt", c.createdAt().toString())
                .put("keptUntilAtLeast", c.createdAt().atOffset(ZoneOffset.UTC).plus(settings.retention()).toInstant().toString());
    }

    private byte[] png(StoredCertificate c, String page) {
        PngCanvas canvas = new PngCanvas(fonts.awt());
        CertificateLabel.draw(canvas, c.content(), page);
        return canvas.png();
    }

    private byte[] pdf(StoredCertificate c, String page) throws IOException {
        PdfCanvas canvas = new PdfCanvas(fonts.pdf(), "承诺达标合格证 " + c.id());
        CertificateLabel.draw(canvas, c.content(), page);
        return canvas.pdf();
    }

    /** The certificate's public page as an absolute URI: under PT_RESOLVER_BASE_URL, or the request's own origin. */
    private String pageUri(RoutingContext ctx, String id) {
        String origin = base != null ? base : ctx.request().scheme() + "://" + ctx.request().authority();
        return origin + CertificateJson.path(id);
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().buffer() == null ? null : JSON.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    /** 16 characters of Crockford base 32 (80 random bits): not guessable, short enough to print. */
    private static String newId() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        StringBuilder s = new StringBuilder(16);
        long acc = 0;
        int bits = 0;
        for (byte x : b) {
            acc = (acc << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                s.append(CROCKFORD.charAt((int) (acc >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return s.toString();
    }

    private void refuse(RoutingContext ctx, String outcome, Throwable e) {
        if (e instanceof Refusal r) {
            LOG.info("certificate request refused ({}): {}", r.status(), r.getMessage());
            count(outcome);
        }
        BlockingReplies.fail(ctx, e);
    }

    /** Certificate requests by outcome: issued, received, label_png, label_pdf, invalid, refused. */
    private void count(String outcome) {
        metrics.counter("pt_certificates_total", "outcome", outcome).increment();
    }
}
