package org.prooftrail.api.evidence;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.proof.BundleVerifier;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.store.journey.TimelineEvent;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.api.limits.PublicRateLimit;
import org.prooftrail.core.identifiers.EpcForms;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.Database;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.RegisteredCodes;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.LogProofsByHash;

/**
 * {@code GET /v1/evidence/01/{gtin}/10/{lot}[/21/{serial}]}: the {@link EvidenceDocument} behind a lot's
 * or an item's page. Anonymous like the page (whoever holds the code), under the resolver's rate limit.
 * {@code at} is the page's time (envelopes received later are left out, so the page and its evidence
 * describe the same data); {@code checkpoint} pins the checkpoint size and makes the answer immutable.
 * Without it the newest checkpoint is used and the ETag names its size. {@code verify=server} adds the
 * server's check of each signature, for what the browser cannot check itself (SM2, or no Ed25519), and
 * {@code proofChecks}: the server's check of the key events' proof bundles (the page's fallback when the
 * browser cannot check the checkpoint; the bundles of events themselves are not public, see ProofAccess).
 */
public final class EvidenceRoutes implements ApiFeature {
    private final Database db;
    private final ProvenanceService provenance;
    private final PublicRateLimit limiter;
    private final Witnesses witnesses;
    private final LogKey logKey;
    private final LogProofsByHash logs = new LogProofsByHash();

    /**
     * @param witnesses the witnesses this server trusts and their quorum, named in every document
     * @param logKey    the log key the server's proof checks use, or null (then there are none)
     */
    public EvidenceRoutes(Database db, ProvenanceService provenance, PublicRateLimit limiter, Witnesses witnesses,
                          LogKey logKey) {
        this.db = db;
        this.logKey = logKey;
        this.provenance = provenance;
        this.limiter = limiter;
        this.witnesses = witnesses;
    }

    /** The evidence link of a code's page (without {@code at}, which the page adds). */
    public static String path(String gtin, String lot, String serial) {
        return "/v1/evidence" + new org.prooftrail.core.identifiers.DigitalLink(new Gtin(gtin), lot, serial).path();
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().lookups();
        m.operation("getLotEvidence").addHandler(limiter).addHandler(ctx -> evidence(workers, ctx));
        m.operation("getItemEvidence").addHandler(limiter).addHandler(ctx -> evidence(workers, ctx));
    }

    private void evidence(WorkerExecutor workers, RoutingContext ctx) {
        String rawGtin = ctx.pathParam("gtin");
        String lotCode = ctx.pathParam("lot");
        String serial = ctx.pathParam("serial");
        Instant at;
        Long treeSize;
        Gtin gtin;
        try {
            gtin = Gtin.parse(rawGtin);
            String a = ctx.queryParams().get("at");
            at = a == null ? Instant.now() : Instant.parse(a);
            String cp = ctx.queryParams().get("checkpoint");
            treeSize = cp == null ? null : Long.parseLong(cp);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            Problems.send(ctx, 400, "give a valid GTIN, 'at' as an RFC 3339 instant and 'checkpoint' as a tree size: "
                    + e.getMessage());
            return;
        }
        if (at.isAfter(Instant.now())) {
            at = Instant.now();
        }
        Instant when = at;
        boolean serverCheck = "server".equals(ctx.queryParams().get("verify"));
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                Optional<Product> product = RegisteredCodes.product(c, gtin.value());
                Optional<Lot> lot = product.isEmpty() ? Optional.empty() : RegisteredCodes.lot(c, gtin.value(), lotCode);
                if (lot.isEmpty()) {
                    return Optional.<JsonObject>empty();
                }
                Map<String, Set<String>> codes = new LinkedHashMap<>();
                codes.put("lot", EpcForms.lot(gtin, lotCode, provenance.bases()));
                Set<String> items = new LinkedHashSet<>();
                Provenance p;
                if (serial != null) {
                    Optional<Item> item = RegisteredCodes.item(c, gtin.value(), serial);
                    if (item.isEmpty() || !item.get().lot().equals(lotCode) || item.get().retired()) {
                        return Optional.<JsonObject>empty();
                    }
                    items.addAll(EpcForms.item(gtin, lotCode, serial, provenance.bases()));
                    items.add(item.get().digitalLink());
                    p = provenance.ofItem(c, product.get(), lot.get(), item.get(), when);
                } else {
                    for (RegisteredCodes.ItemCode i : RegisteredCodes.itemsOfLot(c, gtin.value(), lotCode,
                            ProvenanceService.LOT_ITEMS_FOLLOWED)) {
                        items.addAll(EpcForms.item(gtin, lotCode, i.serial(), provenance.bases()));
                        items.add(i.digitalLink());
                    }
                    p = provenance.ofLot(c, product.get(), lot.get(), when);
                }
                codes.put("item", items);
                Optional<JsonObject> doc = EvidenceDocument.build(c, p, codes, when, treeSize, this::log, witnesses, serverCheck);
                if (serverCheck && doc.isPresent()) {
                    doc.get().put("proofChecks", proofChecks(c, p));
                }
                return doc;
            }
        }, false).onSuccess(doc -> {
            if (doc.isEmpty()) {
                Problems.send(ctx, 404, treeSize != null ? "no such code here, or no checkpoint of size " + treeSize
                        : "no such code is registered here");
                return;
            }
            String body = doc.get().encode();
            JsonObject cp = doc.get().getJsonObject("checkpoint");
            // weak: two pages' times give the same envelopes, and so the same evidence, within a checkpoint
            JsonObject same = doc.get().copy();
            same.remove("at");
            String etag = "W/\"cp" + (cp == null ? 0 : cp.getLong("treeSize")) + "-" + sha(same.encode()) + "\"";
            ctx.response().putHeader("etag", etag).putHeader("cache-control",
                    treeSize != null ? "public, max-age=31536000, immutable" : "public, no-cache");
            String inm = ctx.request().getHeader("if-none-match");
            if (inm != null && inm.contains(etag.substring(2))) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            ctx.response().putHeader("content-type", "application/json").end(body);
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    /**
     * The server's check of the key events' proof bundles ({@link ProvenanceJson#keyEvents}), the same
     * {@link BundleVerifier} as {@code prooftrail verify}; empty without a log key.
     */
    private io.vertx.core.json.JsonArray proofChecks(Connection c, Provenance p) throws java.sql.SQLException {
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        if (logKey == null) {
            return out;
        }
        for (TimelineEvent e : ProvenanceJson.keyEvents(p.events())) {
            var steps = ProofBundles.forEnvelope(c, e.device(), e.seq(), this::log, witnesses.displayNames())
                    .map(b -> BundleVerifier.offline(logKey, witnesses.policy()).verify(b));
            io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
            steps.ifPresent(s -> s.forEach(x -> list.add(new JsonObject().put("name", x.name()).put("passed", x.passed())
                    .put("detail", x.detail()))));
            out.add(new JsonObject().put("device", e.device()).put("seq", e.seq())
                    .put("verified", steps.isPresent() && BundleVerifier.allPassed(steps.get())).put("steps", list));
        }
        return out;
    }

    private LogProofs log(MerkleHasher hasher) {
        return logs.get(hasher);
    }

    private static String sha(String body) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
