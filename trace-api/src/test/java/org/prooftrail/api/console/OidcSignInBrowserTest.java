package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.store.registry.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in to the console through a real OpenID Connect provider (oidc-provider, run by node) in a real
 * browser: the console's sign-in page, the provider's login and consent pages, and back in the console
 * with the role and organisation of the ID token's claims. A person without a role claim is refused, a
 * callback whose state was changed is refused (and the unchanged one then works, once), and the account
 * the provider made has no password that signs in. Screenshots are kept in {@code target/screenshots/}.
 */
class OidcSignInBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(OidcSignInBrowserTest.class);
    private static final String CLIENT_ID = "prooftrail-console";
    private static final String CLIENT_SECRET = "a-client-secret-for-tests-only-0123456789";
    private static final String LABEL = "Test IdP";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static OidcProvider provider;
    private static HeadlessChromium chromium;
    private static String providerHost;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        int port = OidcProvider.freePort();
        providerHost = "localhost:" + port;
        console = ConsoleHarness.start(vertx, Map.of(ConsoleOidcSettings.ISSUER, "http://" + providerHost,
                ConsoleOidcSettings.CLIENT_ID, CLIENT_ID, ConsoleOidcSettings.CLIENT_SECRET, CLIENT_SECRET,
                ConsoleOidcSettings.LABEL, LABEL));
        Organisations orgs = new Organisations(console.api().db().dataSource());
        orgs.ensure("farm-a", "Farm A Co-operative");
        orgs.ensure("farm-b", "Farm B");
        provider = OidcProvider.start(port, CLIENT_ID, CLIENT_SECRET, console.base() + OidcSignIn.CALLBACK, Map.of(
                "li.wei", new JsonObject().put("role", "company").put("org", "farm-a").put("name", "Li Wei")
                        .put("email", "li.wei@farm-a.example"),
                "zhang.min", new JsonObject().put("role", "regulator").put("name", "Zhang Min"),
                "visitor", new JsonObject().put("name", "No Role")));
        chromium = HeadlessChromium.start(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (provider != null) {
            LOG.debug("oidc-provider said:\n{}", provider.output());
            provider.close();
        }
        if (console != null) {
            console.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Each test starts signed in nowhere: neither at the console nor at the provider. */
    @BeforeEach
    void signedOutEverywhere() throws Exception {
        chromium.call("Network.enable", new JsonObject());
        chromium.call("Network.clearBrowserCookies", new JsonObject());
    }

    @Test
    void aCompanyPersonSignsInThroughTheProviderAsTheirOrganisation() throws Exception {
        signInThroughProvider("li.wei");
        chromium.awaitTrue("location.host === " + HeadlessChromium.js(console.base().substring(7))
                + " && location.pathname === '/console/'");
        String header = chromium.eval("document.querySelector('.who').innerText");
        assertTrue(header.contains("Li Wei") && header.contains("company") && header.contains("farm-a"), header);
        screenshot("oidc-company-signed-in.png");
        String username = usernameOf("li.wei");
        assertEquals("li.wei", username, "the username comes from preferred_username");
        assertEquals(List.of("company", "farm-a", "Li Wei"), row(username));

        // what the console knew is replaced by the claims at the next sign-in; no second account appears
        sql("UPDATE console_account SET display_name = 'Stale Name', organisation_id = 'farm-b' WHERE username = ?", username);
        signedOutEverywhere();
        signInThroughProvider("li.wei");
        chromium.awaitTrue("location.pathname === '/console/'");
        assertEquals(List.of("company", "farm-a", "Li Wei"), row(username));
        assertEquals("1", sqlValue("SELECT count(*) FROM console_account WHERE external_subject = 'li.wei'"));
        assertTrue(chromium.eval("document.querySelector('.who').innerText").contains("farm-a"));
    }

    @Test
    void aRegulatorSignsInFromTheChineseSignInPage() throws Exception {
        chromium.open(console.base() + "/console/sign-in?lang=zh");
        assertTrue(chromium.text().contains("使用 " + LABEL + " 登录"), chromium.text());
        signInThroughProvider("zhang.min");
        chromium.awaitTrue("location.pathname === '/console/'");
        String header = chromium.eval("document.querySelector('.who').innerText");
        assertTrue(header.contains("Zhang Min") && header.contains("regulator"), header);
        assertEquals(List.of("regulator", "", "Zhang Min"), row(usernameOf("zhang.min")));
        screenshot("oidc-regulator-signed-in.png");
    }

    @Test
    void aPersonWithoutARoleClaimIsRefused() throws Exception {
        signInThroughProvider("visitor");
        chromium.awaitTrue("location.pathname === '/console/oidc/callback' && document.readyState === 'complete'");
        assertTrue(chromium.text().contains("has no console role"), chromium.text());
        screenshot("oidc-no-role-refused.png");
        assertEquals("0", sqlValue("SELECT count(*) FROM console_account WHERE external_subject = 'visitor'"));
        chromium.navigate(console.base() + "/console/");
        chromium.awaitTrue("location.pathname === '/console/sign-in'");
    }

    @Test
    void aCallbackWithAChangedStateIsRefusedAndTheRealOneWorksOnce() throws Exception {
        // the sign-in starts outside the browser so the test can read the way to the provider and change its state;
        // the browser gets the state cookie the console set, as if it had started the sign-in itself
        HttpResponse<Buffer> started = console.client().get(OidcSignIn.START);
        String authorize = started.getHeader("location");
        String state = authorize.replaceAll(".*[?&]state=([^&]*).*", "$1");
        chromium.call("Network.setCookie", new JsonObject().put("name", "pt_oidc").put("value", state)
                .put("url", console.base() + "/console/").put("path", "/console").put("httpOnly", true).put("sameSite", "Lax"));
        String changed = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
        chromium.navigate(authorize.replace("state=" + state, "state=" + changed));
        throughProviderPages("zhang.min");

        chromium.awaitTrue("location.pathname === " + HeadlessChromium.js(OidcSignIn.CALLBACK)
                + " && document.readyState === 'complete'");
        assertTrue(chromium.text().contains("did not start in this browser"), chromium.text());
        screenshot("oidc-changed-state-refused.png");
        String answer = chromium.eval("location.href");
        assertTrue(answer.contains("state=" + changed) && answer.contains("code="), answer);

        // the provider's answer with the state it was given is good: only the state was wrong
        String real = answer.replace("state=" + changed, "state=" + state);
        chromium.navigate(real);
        chromium.awaitTrue("location.pathname === '/console/'");
        assertTrue(chromium.eval("document.querySelector('.who').innerText").contains("Zhang Min"));

        chromium.open(real);
        assertTrue(chromium.text().contains("did not start in this browser"), "a used state does not sign in twice: "
                + chromium.text());
    }

    @Test
    void theAccountTheProviderMadeHasNoPasswordThatSignsIn() throws Exception {
        signInThroughProvider("li.wei");
        chromium.awaitTrue("location.pathname === '/console/'");
        String username = usernameOf("li.wei");
        assertEquals("!external", sqlValue("SELECT password_hash FROM console_account WHERE username = '" + username + "'"));
        for (String password : new String[] {"!external", "", "li.wei", "anything at all"}) {
            HttpResponse<Buffer> r = console.client().signInAttempt(username, password);
            assertNotEquals(303, r.statusCode(), "password '" + password + "' signed in: " + r.headers());
            assertFalse(r.cookies().stream().anyMatch(c -> c.startsWith("pt_console=") && !c.startsWith("pt_console=;")),
                    "no session cookie for a refused password");
        }
        // wrong passwords lock the password sign-in; the provider's sign-in is no password and still works
        for (int i = 0; i < 5; i++) {
            console.client().signInAttempt(username, "guess " + i);
        }
        signedOutEverywhere();
        signInThroughProvider("li.wei");
        chromium.awaitTrue("location.pathname === '/console/'");
    }

    /** From the console's sign-in page through the provider's login (any password) and consent pages. */
    private void signInThroughProvider(String login) throws Exception {
        if (!"/console/sign-in".equals(chromium.eval("location.pathname"))) {
            chromium.open(console.base() + "/console/sign-in?lang=en");
        }
        chromium.clickAndWait("a[href^='" + OidcSignIn.START + "']");
        throughProviderPages(login);
    }

    /** The provider's login (any password) and, when it asks, consent pages. */
    private void throughProviderPages(String login) {
        chromium.awaitTrue("location.host === " + HeadlessChromium.js(providerHost) + " && document.readyState === 'complete'"
                + " && !!document.querySelector('input[name=login]')");
        chromium.fill("input[name=login]", login);
        chromium.fill("input[name=password]", "any password: the development login takes it");
        chromium.clickAndWait("button[type=submit]");
        if ("consent".equals(chromium.eval("(function(){var p=document.querySelector('input[name=prompt]');"
                + "return p ? p.value : null;})()"))) {
            chromium.clickAndWait("button[type=submit]");
        }
    }

    private static String usernameOf(String subject) throws Exception {
        return sqlValue("SELECT username FROM console_account WHERE external_issuer = '" + provider.issuer()
                + "' AND external_subject = '" + subject + "'");
    }

    /** Role, organisation ("" for none) and display name of an account. */
    private static List<String> row(String username) throws Exception {
        try (Connection c = console.api().db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT role, coalesce(organisation_id, ''), display_name FROM console_account WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "no account " + username);
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static String sqlValue(String query) throws Exception {
        try (Connection c = console.api().db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(query);
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void sql(String statement, String arg) throws Exception {
        try (Connection c = console.api().db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            st.setString(1, arg);
            st.executeUpdate();
        }
    }

    private static void screenshot(String name) throws Exception {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name), chromium.screenshotPng());
    }
}
