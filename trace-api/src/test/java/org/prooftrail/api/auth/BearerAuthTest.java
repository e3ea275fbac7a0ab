package org.prooftrail.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.testing.ApiHarness;

/**
 * Token checks over real HTTP, on one operation a test feature guards for regulators and admins:
 * every kind of bad token is a 401 problem, a wrong role a 403, and each refusal is counted.
 */
class BearerAuthTest {
    private static Vertx vertx;
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        ApiFeature guarded = m -> m.operation("getAuditReport")
                .addHandler(m.auth().require(ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> ctx.json(new JsonObject().put("caller", BearerAuth.principal(ctx).subject())));
        api = ApiHarness.start(vertx, Map.of(), c -> List.of(guarded));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> audit(String authorization) throws Exception {
        var req = api.client().request(HttpMethod.GET, "/v1/audit");
        if (authorization != null) {
            req.putHeader("authorization", authorization);
        }
        return req.send().await(10, TimeUnit.SECONDS);
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String detailPart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("content-type"));
        String detail = r.bodyAsJsonObject().getString("detail");
        assertTrue(detail.contains(detailPart), detail);
    }

    /** Signs arbitrary claims with a key of our choosing, bypassing the issuer's defaults. */
    private static String sign(byte[] secret, JsonObject claims, JWTOptions options) {
        JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret))));
        return jwt.generateToken(claims, options.setAlgorithm("HS256"));
    }

    private static JWTOptions valid() {
        return new JWTOptions().setSubject("someone").setIssuer("prooftrail")
                .setAudience(List.of("prooftrail-api")).setExpiresInSeconds(600);
    }

    @Test
    void regulatorTokenIsAccepted() throws Exception {
        HttpResponse<Buffer> r = audit("Bearer " + api.token(ApiRole.REGULATOR, null));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("regulator-tester", r.bodyAsJsonObject().getString("caller"));
    }

    @Test
    void missingTokenIs401WithChallenge() throws Exception {
        HttpResponse<Buffer> r = audit(null);
        assertProblem(r, 401, "needs a bearer token");
        assertTrue(r.getHeader("www-authenticate").startsWith("Bearer"));
    }

    @Test
    void companyRoleIs403() throws Exception {
        assertProblem(audit("Bearer " + api.token(ApiRole.COMPANY, "acme")), 403, "role company may not");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonObject claims = new JsonObject().put("role", "regulator").put("exp", now - 3600).put("iat", now - 7200);
        String token = sign(ApiHarness.SECRET, claims, new JWTOptions().setSubject("someone").setIssuer("prooftrail")
                .setAudience(List.of("prooftrail-api")).setNoTimestamp(true));
        assertProblem(audit("Bearer " + token), 401, "token refused");
    }

    @Test
    void wronglySignedTokenIs401() throws Exception {
        byte[] other = "another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8);
        String token = sign(other, new JsonObject().put("role", "regulator"), valid());
        assertProblem(audit("Bearer " + token), 401, "token refused");
    }

    @Test
    void unsignedTokenIs401() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = System.currentTimeMillis() / 1000 + 600;
        String payload = b64.encodeToString(("{\"sub\":\"x\",\"role\":\"admin\",\"iss\":\"prooftrail\","
                + "\"aud\":\"prooftrail-api\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        assertProblem(audit("Bearer " + header + "." + payload + "."), 401, "token refused");
    }

    @Test
    void wrongAudienceIs401() throws Exception {
        String token = sign(ApiHarness.SECRET, new JsonObject().put("role", "regulator"),
                valid().setAudience(List.of("some-other-service")));
        assertProblem(audit("Bearer " + token), 401, "token refused");
    }

    @Test
    void wrongIssuerIs401() throws Exception {
        String token = sign(ApiHarness.SECRET, new JsonObject().put("role", "regulator"), valid().setIssuer("elsewhere"));
        assertProblem(audit("Bearer " + token), 401, "token refused");
    }

    @Test
    void tokenWithoutExpiryIs401() throws Exception {
        String token = sign(ApiHarness.SECRET, new JsonObject().put("role", "regulator"),
                new JWTOptions().setSubject("x").setIssuer("prooftrail").setAudience(List.of("prooftrail-api")));
        assertProblem(audit("Bearer " + token), 401, "no expiry");
    }

    @Test
    void unknownRoleAndCompanyWithoutOrgAre401() throws Exception {
        assertProblem(audit("Bearer " + sign(ApiHarness.SECRET, new JsonObject().put("role", "root"), valid())),
                401, "role must be one of");
        assertProblem(audit("Bearer " + sign(ApiHarness.SECRET, new JsonObject().put("role", "company"), valid())),
                401, "must name its organisation");
    }

    @Test
    void malformedHeaderAndGarbageAre401() throws Exception {
        assertProblem(audit("Basic dXNlcjpwYXNz"), 401, "Bearer <token>");
        assertProblem(audit("Bearer not.a.jwt"), 401, "token refused");
        assertProblem(audit("Bearer " + "A".repeat(5000)), 401, "token refused");
    }

    @Test
    void refusalsAreCounted() throws Exception {
        audit(null);
        String metrics = api.client().get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
        assertTrue(metrics.contains("pt_api_denied_total{reason=\"missing\",status=\"401\"}"), metrics);
    }

    @Test
    void unimplementedOperationsAnswer501AndUnknownPaths404() throws Exception {
        assertProblem(api.client().get("/epcis/events")
                .putHeader("authorization", "Bearer " + api.token(ApiRole.REGULATOR, null)).send().await(10, TimeUnit.SECONDS), 501, "not implemented");
        assertProblem(api.client().get("/nothing/here").send().await(10, TimeUnit.SECONDS), 404, "no such resource");
        assertEquals(200, api.client().get("/openapi.yaml").send().await(10, TimeUnit.SECONDS).statusCode());
    }
}
