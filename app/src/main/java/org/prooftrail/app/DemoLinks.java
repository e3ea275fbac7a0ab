package org.prooftrail.app;

import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.Settings;
import org.prooftrail.sim.scenario.Scenario;
import org.prooftrail.store.log.ProofReads;

/**
 * Every URL the demo prints for people to open, with the token each needs. The demo's screen prints
 * these lists and nothing else as URLs, and a test follows each of them: a printed link that stops
 * answering (the lot trace once answered 404) fails the build, not a new user.
 */
final class DemoLinks {
    /** Which token a link needs. */
    enum Access {
        PUBLIC, COMPANY, REGULATOR
    }

    /** One printed link: {@code label} is what the screen puts before it. */
    record Link(String label, String url, Access access) {
    }

    /** The tokens the demo prints, valid for {@link #TOKEN_TTL}. */
    record Tokens(String companyOrg, String company, String regulator) {
        /** The token to send for a link, or null for a public one. */
        String forAccess(Access access) {
            return switch (access) {
                case PUBLIC -> null;
                case COMPANY -> company;
                case REGULATOR -> regulator;
            };
        }
    }

    static final Duration TOKEN_TTL = Duration.ofHours(8);

    private DemoLinks() {
    }

    /** The node's own pages, printed first: readiness, metrics and the log's checkpoint. */
    static List<Link> service(String base) {
        return List.of(new Link("Readiness", base + "/health/ready", Access.PUBLIC),
                new Link("Metrics", base + "/metrics", Access.PUBLIC),
                new Link("Checkpoint", base + "/v1/log/checkpoint", Access.PUBLIC));
    }

    /** The demo pack's pages, what a regulator would ask about its lot, and the API reference. */
    static List<Link> pack(String base, DemoPack pack) {
        String lot = URLEncoder.encode(pack.gtin() + "/" + pack.lot(), StandardCharsets.UTF_8);
        return List.of(new Link("item page", base + pack.itemPath(), Access.PUBLIC),
                new Link("China code", base + "/cn/" + pack.chinaCode(), Access.PUBLIC),
                new Link("lot trace", base + "/v1/trace/" + lot + "?direction=forward", Access.REGULATOR),
                new Link("excursions", base + "/v1/excursions", Access.REGULATOR),
                new Link("lot's items", base + "/v1/products/" + pack.gtin() + "/lots/"
                        + URLEncoder.encode(pack.lot(), StandardCharsets.UTF_8).replace("+", "%20") + "/items", Access.COMPANY),
                new Link("API docs", base + "/docs", Access.PUBLIC),
                new Link("OpenAPI", base + "/openapi.yaml", Access.PUBLIC));
    }

    /** What the simulator's scenarios made on this start: item pages and the traces a regulator would run. */
    static List<Link> scenario(String base, Scenario.Outcome outcome) {
        List<Link> links = new ArrayList<>();
        outcome.itemPaths().forEach(p -> links.add(new Link("item page", base + p, Access.PUBLIC)));
        outcome.tracePaths().forEach(p -> links.add(new Link("regulator", base + p, Access.REGULATOR)));
        return links;
    }

    /** The proof of the newest stored reading that a signed checkpoint covers, once there is one. */
    static Optional<Link> proof(Demo demo) throws SQLException {
        return ProofReads.newestAnchored(demo.node().database().dataSource())
                .map(k -> new Link("Proof of a stored reading", demo.httpBase() + "/v1/proofs/" + k.deviceId() + "/" + k.seq(),
                        Access.PUBLIC));
    }

    /** Company (of the pack's maker) and regulator tokens, signed with the demo's own secret. */
    static Tokens tokens(Path home, String companyOrg) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            TokenIssuer issuer = new TokenIssuer(vertx, AuthSettings.from(Settings.of(Map.of(
                    AuthSettings.SECRET_FILE, home.resolve("keys").resolve("jwt-secret").toString()))));
            return new Tokens(companyOrg, issuer.issue("demo-user", ApiRole.COMPANY, companyOrg, TOKEN_TTL),
                    issuer.issue("demo-regulator", ApiRole.REGULATOR, null, TOKEN_TTL));
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }
}
