package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The OpenID Connect callback over plain HTTP, against a real provider: it signs nobody in for a state it
 * did not hand out to this browser, for one already used, or for an answer the provider did not confirm;
 * and the way to the provider carries PKCE (S256), state and nonce.
 */
class OidcCallbackTest {
    private static final String CLIENT_ID = "prooftrail-console";
    private static final String CLIENT_SECRET = "another-client-secret-for-tests-0123456789";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static OidcProvider provider;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        int port = OidcProvider.freePort();
        console = ConsoleHarness.start(vertx, Map.of(ConsoleOidcSettings.ISSUER, "http://localhost:" + port + "/",
                ConsoleOidcSettings.CLIENT_ID, CLIENT_ID, ConsoleOidcSettings.CLIENT_SECRET, CLIENT_SECRET));
        provider = OidcProvider.start(port, CLIENT_ID, CLIENT_SECRET, console.base() + OidcSignIn.CALLBACK,
                Map.of("someone", new JsonObject().put("role", "regulator")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (console != null) {
            console.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theWayToTheProviderCarriesPkceStateAndNonce() throws Exception {
        ConsoleHarness.Client browser = console.client();
        assertTrue(browser.get("/console/sign-in?lang=en").bodyAsString().contains("Sign in with localhost"),
                "the button names the issuer's host when no label is set");
        HttpResponse<Buffer> r = browser.get(OidcSignIn.START + "?next=%2Fconsole%2Fdevices");
        assertEquals(303, r.statusCode(), r.bodyAsString());
        Map<String, String> q = query(r.getHeader("location"));
        assertTrue(r.getHeader("location").startsWith(provider.issuer() + "/auth?"), r.getHeader("location"));
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT_ID, q.get("client_id"));
        assertEquals(console.base() + OidcSignIn.CALLBACK, q.get("redirect_uri"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length());
        assertEquals(43, q.get("state").length());
        assertEquals(43, q.get("nonce").length());
        assertTrue(q.get("scope").startsWith("openid"), q.get("scope"));
        String cookie = r.cookies().stream().filter(c -> c.startsWith("pt_oidc=")).findFirst().orElseThrow();
        assertTrue(cookie.startsWith("pt_oidc=" + q.get("state") + ";"), cookie);
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("Path=/console"), cookie);
    }

    @Test
    void anUnknownStateSignsNobodyIn() throws Exception {
        ConsoleHarness.Client browser = console.client();
        String made = "A".repeat(43);
        HttpResponse<Buffer> r = browser.web().get(OidcSignIn.CALLBACK + "?code=whatever&state=" + made)
                .putHeader("cookie", "pt_oidc=" + made).send().await(10, TimeUnit.SECONDS);
        refused(r, 400);
        HttpResponse<Buffer> noState = browser.get(OidcSignIn.CALLBACK + "?code=whatever");
        refused(noState, 400);
    }

    @Test
    void aStateThisBrowserWasNotGivenIsRefused() throws Exception {
        String state = query(console.client().get(OidcSignIn.START).getHeader("location")).get("state");
        ConsoleHarness.Client other = console.client();
        other.get(OidcSignIn.START); // its own sign-in under way, with its own state cookie
        refused(other.get(OidcSignIn.CALLBACK + "?code=whatever&state=" + state), 400);
    }

    @Test
    void aStateIsUsedOnceEvenWhenItsCodeWasRefused() throws Exception {
        ConsoleHarness.Client browser = console.client();
        String state = query(browser.get(OidcSignIn.START).getHeader("location")).get("state");
        HttpResponse<Buffer> first = browser.get(OidcSignIn.CALLBACK + "?code=not-a-code-the-provider-gave&state=" + state);
        refused(first, 401);
        assertTrue(first.bodyAsString().contains("did not confirm this sign-in"), first.bodyAsString());
        // the same answer again, cookie and all, as someone who copied it would send it
        HttpResponse<Buffer> replay = browser.web().get(OidcSignIn.CALLBACK + "?code=not-a-code-the-provider-gave&state=" + state)
                .putHeader("cookie", "pt_oidc=" + state).send().await(10, TimeUnit.SECONDS);
        refused(replay, 400);
        assertTrue(replay.bodyAsString().contains("was already used"), replay.bodyAsString());
    }

    @Test
    void aRefusalAtTheProviderIsShownAsOne() throws Exception {
        ConsoleHarness.Client browser = console.client();
        String state = query(browser.get(OidcSignIn.START + "?lang=zh").getHeader("location")).get("state");
        HttpResponse<Buffer> r = browser.get(OidcSignIn.CALLBACK + "?error=access_denied&state=" + state);
        refused(r, 401);
        assertTrue(r.bodyAsString().contains("未完成登录（access_denied）"), r.bodyAsString());
    }

    private static void refused(HttpResponse<Buffer> r, int status) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertFalse(r.cookies().stream().anyMatch(c -> c.startsWith("pt_console=")), "no session: " + r.cookies());
        assertTrue(r.bodyAsString().contains("href=\"/console/sign-in\""), "the page leads back to signing in");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
