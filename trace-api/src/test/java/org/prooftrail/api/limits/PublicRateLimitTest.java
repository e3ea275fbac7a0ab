package org.prooftrail.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ClientAddress;
import org.prooftrail.api.testing.ApiHarness;

/**
 * Every public endpoint class over real HTTP: two requests a minute per client address, the third
 * refused with 429 and Retry-After and counted, while another client behind the trusted proxy is still
 * served; on a server that trusts no proxy here, the header is the caller's own and changes nothing.
 */
class PublicRateLimitTest {
    private static final int BUDGET = 2;
    /** One path per class and kind of public endpoint; none needs data to answer (a 4xx counts as served). */
    private static final List<String> PUBLIC = List.of(
            "/v1/proofs/dev-1/1", "/v1/proofs/dev-1/1/verification", "/v1/log/consistency?first=1&second=2",
            "/v1/log/checkpoint", "/log/checkpoint", "/log/tile/0/000", "/log/tile/entries/000", "/v1/log/key",
            "/01/09506000134352", "/01/not-a-gtin", "/01/09506000134352/10/L1/21/S1", "/cn/12345678901234567890",
            "/v1/evidence/01/09506000134352/10/L1", "/v1/certificates/0123456789ABCDEF", "/docs");
    private static Vertx vertx;
    private static ApiHarness behindProxy;
    private static ApiHarness direct;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> budgets = Map.of(EndpointClass.LOOKUP.setting(), "" + BUDGET,
                EndpointClass.PROOF.setting(), "" + BUDGET, EndpointClass.LOG.setting(), "" + BUDGET);
        java.util.Map<String, String> proxied = new java.util.HashMap<>(budgets);
        proxied.put(ClientAddress.TRUSTED_PROXIES, "127.0.0.1/32");
        behindProxy = ApiHarness.start(vertx, proxied);
        java.util.Map<String, String> untrusted = new java.util.HashMap<>(budgets);
        untrusted.put(ClientAddress.TRUSTED_PROXIES, "192.0.2.0/24"); // a proxy that is not the test's address
        direct = ApiHarness.start(vertx, untrusted);
    }

    @AfterAll
    static void stop() throws Exception {
        behindProxy.close();
        direct.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(ApiHarness api, String path, String forwardedFor) throws Exception {
        var r = api.client().get(path);
        if (forwardedFor != null) {
            r.putHeader("x-forwarded-for", forwardedFor);
        }
        return r.send().await(20, TimeUnit.SECONDS);
    }

    @Test
    void everyPublicEndpointIsLimitedPerForwardedClient() throws Exception {
        int client = 1;
        for (String path : PUBLIC) {
            // a fresh client per path, so that paths of one class do not share a budget here
            String me = "203.0.113." + client++;
            for (int i = 0; i < BUDGET; i++) {
                assertNotEquals(429, get(behindProxy, path, me).statusCode(), path + " within the budget");
            }
            HttpResponse<Buffer> over = get(behindProxy, path, me);
            assertEquals(429, over.statusCode(), path + " over the budget: " + over.bodyAsString());
            long retry = Long.parseLong(over.getHeader("retry-after"));
            assertTrue(retry >= 1 && retry <= 60, path + ": Retry-After " + retry);
            assertTrue(over.bodyAsJsonObject().getString("detail").contains("at most " + BUDGET + " a minute"), over.bodyAsString());
            assertNotEquals(429, get(behindProxy, path, "198.51.100.7, " + "203.0.113." + (100 + client)).statusCode(),
                    path + ": another consumer behind the same proxy is served");
        }
        assertTrue(refused(behindProxy, "proof") >= 2, "429s of proofs are counted");
        assertTrue(refused(behindProxy, "log") >= 6, "429s of the log are counted");
        assertTrue(refused(behindProxy, "lookup") >= 6, "429s of lookups are counted");
    }

    @Test
    void theClassesHaveBudgetsOfTheirOwn() throws Exception {
        String me = "203.0.113.200";
        for (int i = 0; i < BUDGET; i++) {
            get(behindProxy, "/v1/log/checkpoint", me);
        }
        assertEquals(429, get(behindProxy, "/log/tile/0/000", me).statusCode(), "one budget for the whole log class");
        assertEquals(404, get(behindProxy, "/v1/proofs/dev-1/1", me).statusCode(), "proofs have their own");
    }

    @Test
    void aTokenHoldersProofRequestsAreNotPublicOnes() throws Exception {
        String regulator = behindProxy.token(ApiRole.REGULATOR, null);
        for (int i = 0; i < BUDGET + 2; i++) {
            assertEquals(404, behindProxy.request(io.vertx.core.http.HttpMethod.GET, "/v1/proofs/dev-1/1", regulator)
                    .putHeader("x-forwarded-for", "203.0.113.201").send().await(20, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aHeaderFromAnAddressThatIsNoTrustedProxyIsIgnored() throws Exception {
        for (int i = 0; i < BUDGET; i++) {
            assertEquals(404, get(direct, "/v1/proofs/dev-1/1", "203.0.113." + (10 + i)).statusCode());
        }
        assertEquals(429, get(direct, "/v1/proofs/dev-1/1", "203.0.113.99").statusCode(),
                "a forwarded address the caller wrote itself does not buy a fresh budget");
        assertEquals(429, get(direct, "/v1/proofs/dev-1/1", null).statusCode());
    }

    private static final Pattern REFUSED = Pattern.compile("(?m)^pt_public_rate_limited_total\\{([^}]*)\\} (\\S+)$");

    private static double refused(ApiHarness api, String endpointClass) throws Exception {
        String metrics = api.client().get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
        Matcher m = REFUSED.matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("class=\"" + endpointClass + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no pt_public_rate_limited_total of class " + endpointClass + " in\n" + metrics);
    }
}
