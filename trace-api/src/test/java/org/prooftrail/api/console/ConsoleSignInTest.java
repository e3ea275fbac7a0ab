package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * Signing in to the console over real HTTP: the session cookie's flags, no page or action without a
 * session, CSRF tokens on actions, and the lock-out after five wrong passwords.
 */
class ConsoleSignInTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("quality@farm-a", ApiRole.COMPANY, "farm-a", PASSWORD);
        console.account("guesswork", ApiRole.COMPANY, "farm-a", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void noPageWithoutASessionSendsTheBrowserToSignIn() throws Exception {
        HttpResponse<Buffer> r = console.client().get("/console/");
        assertEquals(303, r.statusCode());
        assertEquals("/console/sign-in?next=%2Fconsole%2F", r.getHeader("location"));
        HttpResponse<Buffer> forged = console.client().web().get("/console/").putHeader("cookie",
                "pt_console=" + "A".repeat(43)).send().await(10, TimeUnit.SECONDS);
        assertEquals(303, forged.statusCode(), "a made-up session value is no session");
    }

    @Test
    void noActionWithoutASession() throws Exception {
        HttpResponse<Buffer> r = console.client().postRaw("/console/sign-out", MultiMap.caseInsensitiveMultiMap().add("_csrf", "x"));
        assertEquals(401, r.statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndScoped() throws Exception {
        ConsoleHarness.Client c = console.client();
        HttpResponse<Buffer> r = c.signInAttempt("Quality@farm-a", PASSWORD);
        assertEquals(303, r.statusCode(), r.bodyAsString());
        assertEquals("/console/", r.getHeader("location"));
        String cookie = r.cookies().stream().filter(s -> s.startsWith("pt_console=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/console"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: the browser would drop a Secure cookie");
        HttpResponse<Buffer> home = c.get("/console/");
        assertEquals(200, home.statusCode());
        assertTrue(home.bodyAsString().contains("quality@farm-a"));
        assertEquals("no-store", home.getHeader("cache-control"));
        assertNotNull(home.getHeader("content-security-policy"));

        HttpResponse<Buffer> behindTls = console.client().web().get("/console/sign-in").putHeader("x-forwarded-proto", "https")
                .send().await(10, TimeUnit.SECONDS);
        String formCookie = behindTls.cookies().stream().filter(s -> s.startsWith("pt_signin=")).findFirst().orElseThrow();
        assertTrue(formCookie.contains("Secure"), "behind an Ingress that terminated TLS the cookies are Secure: " + formCookie);
    }

    @Test
    void anActionNeedsTheSessionsCsrfToken() throws Exception {
        ConsoleHarness.Client c = console.signIn("inspector", PASSWORD);
        c.get("/console/");
        HttpResponse<Buffer> none = c.postRaw("/console/sign-out", MultiMap.caseInsensitiveMultiMap());
        assertEquals(403, none.statusCode());
        HttpResponse<Buffer> wrong = c.postRaw("/console/sign-out", MultiMap.caseInsensitiveMultiMap().add("_csrf", "forged"));
        assertEquals(403, wrong.statusCode());
        assertEquals(200, c.get("/console/").statusCode(), "still signed in after the refused actions");
        HttpResponse<Buffer> out = c.post("/console/sign-out", MultiMap.caseInsensitiveMultiMap());
        assertEquals(303, out.statusCode());
        assertEquals(303, c.get("/console/").statusCode(), "signed out: back to the sign-in form");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(401, console.client().signInAttempt("guesswork", "wrong password " + i).statusCode());
        }
        HttpResponse<Buffer> fifth = console.client().signInAttempt("guesswork", "wrong password 5");
        assertEquals(429, fifth.statusCode());
        assertTrue(fifth.bodyAsString().contains("locked"), fifth.bodyAsString());
        HttpResponse<Buffer> right = console.client().signInAttempt("guesswork", PASSWORD);
        assertEquals(429, right.statusCode(), "locked: the right password is refused too");
        assertEquals(401, console.client().signInAttempt("nobody-here", PASSWORD).statusCode(),
                "an unknown account gets the same answer as a wrong password");
    }

    @Test
    void passwordGuessesFromOneAddressAreRateLimitedAcrossAccounts() throws Exception {
        try (ConsoleHarness limited = ConsoleHarness.start(vertx, java.util.Map.of("PT_SIGN_IN_RATE_LIMIT", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, limited.client().signInAttempt("someone-" + i, "spray password").statusCode());
            }
            HttpResponse<Buffer> fourth = limited.client().signInAttempt("someone-3", "spray password");
            assertEquals(429, fourth.statusCode());
            assertNotNull(fourth.getHeader("retry-after"));
            assertTrue(fourth.bodyAsString().contains("Too many sign-in attempts"), fourth.bodyAsString());
        }
    }

    @Test
    void aSignInFormFromElsewhereIsRefused() throws Exception {
        HttpResponse<Buffer> r = console.client().postRaw("/console/sign-in", MultiMap.caseInsensitiveMultiMap()
                .add("_form", "made-up").add("username", "inspector").add("password", PASSWORD));
        assertEquals(403, r.statusCode());
    }

    @Test
    void signInSendsOnlyToConsolePaths() {
        assertEquals("/console/", SignIn.safeNext("https://evil.example/"));
        assertEquals("/console/", SignIn.safeNext("//evil.example/console/"));
        assertEquals("/console/devices", SignIn.safeNext("/console/devices"));
    }
}
