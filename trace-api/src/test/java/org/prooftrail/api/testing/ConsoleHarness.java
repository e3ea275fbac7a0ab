package org.prooftrail.api.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.registry.Organisations;

/**
 * The API with its console, on a fresh database, and ways to sign in to it: as a plain HTTP client
 * keeping cookies ({@link Client}) or in a real browser.
 */
public final class ConsoleHarness implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern FORM = Pattern.compile("name=\"_form\" value=\"([^\"]+)\"");

    private final ApiHarness api;

    private ConsoleHarness(ApiHarness api) {
        this.api = api;
    }

    public static ConsoleHarness start(Vertx vertx) throws Exception {
        return start(vertx, Map.of());
    }

    public static ConsoleHarness start(Vertx vertx, Map<String, String> settings) throws Exception {
        return new ConsoleHarness(ApiHarness.start(vertx, settings));
    }

    /** Chosen features (e.g. all of them, keeping a reference to the console's). */
    public static ConsoleHarness start(Vertx vertx, Map<String, String> settings,
                                       java.util.function.Function<org.prooftrail.api.ApiContext,
                                               java.util.List<org.prooftrail.api.ApiFeature>> features) throws Exception {
        return new ConsoleHarness(ApiHarness.start(vertx, settings, features));
    }

    public ApiHarness api() {
        return api;
    }

    public String base() {
        return api.base();
    }

    /** Registers an account (and its organisation when it has one) straight in the store. */
    public void account(String username, ApiRole role, String org, String password) throws Exception {
        if (org != null) {
            new Organisations(api.db().dataSource()).ensure(org, org + " Ltd");
        }
        new Accounts(api.db().dataSource()).create(username, username, role.claim(), org,
                PasswordHashing.hash(password.toCharArray()));
    }

    /** A cookie-keeping HTTP client that has not signed in yet. */
    public Client client() {
        return new Client(WebClientSession.create(api.client()));
    }

    /** Signs in over HTTP; fails unless the console accepted the password. */
    public Client signIn(String username, String password) throws Exception {
        Client c = client();
        HttpResponse<Buffer> r = c.signInAttempt(username, password);
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in of " + username + " answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return c;
    }

    /** Signs the browser in through the form, as a person would. */
    public void signIn(HeadlessChromium browser, String username, String password) throws Exception {
        browser.open(base() + "/console/sign-in");
        browser.fill("#username", username);
        browser.fill("#password", password);
        browser.clickAndWait("form button[type=submit]");
        browser.awaitTrue("location.pathname === '/console/'");
    }

    @Override
    public void close() {
        api.close();
    }

    /** An HTTP client of the console keeping its cookies, as a browser would. */
    public static final class Client {
        private final WebClientSession web;
        private String csrf;

        Client(WebClientSession web) {
            this.web = web;
        }

        public WebClientSession web() {
            return web;
        }

        /** Fetches the sign-in form and posts it; the answer is returned whatever it is. */
        public HttpResponse<Buffer> signInAttempt(String username, String password) throws Exception {
            String form = get("/console/sign-in").bodyAsString();
            Matcher m = FORM.matcher(form);
            if (!m.find()) {
                throw new AssertionError("the sign-in page has no form token: " + form);
            }
            return web.post("/console/sign-in").sendForm(MultiMap.caseInsensitiveMultiMap()
                    .add("_form", m.group(1)).add("username", username).add("password", password))
                    .await(30, TimeUnit.SECONDS);
        }

        public HttpResponse<Buffer> get(String path) throws Exception {
            HttpResponse<Buffer> r = web.get(path).send().await(30, TimeUnit.SECONDS);
            Matcher m = CSRF.matcher(r.bodyAsString() == null ? "" : r.bodyAsString());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        }

        /** The session's CSRF token, as the last page showed it (fetch a page first). */
        public String csrf() {
            return csrf;
        }

        /** Posts a form with the session's CSRF token added. */
        public HttpResponse<Buffer> post(String path, MultiMap form) throws Exception {
            if (csrf == null) {
                get("/console/");
            }
            MultiMap withToken = MultiMap.caseInsensitiveMultiMap().addAll(form).add("_csrf", csrf);
            return web.post(path).sendForm(withToken).await(30, TimeUnit.SECONDS);
        }

        /** Posts a form exactly as given (no token added). */
        public HttpResponse<Buffer> postRaw(String path, MultiMap form) throws Exception {
            return web.post(path).sendForm(form).await(30, TimeUnit.SECONDS);
        }
    }
}
