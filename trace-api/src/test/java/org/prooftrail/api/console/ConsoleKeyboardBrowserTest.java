package org.prooftrail.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The console with a keyboard alone, in a real headless Chromium: a company user signs in by typing and
 * Enter, reaches a page through the menu, registers a product by typing and Enter; on the sign-in page
 * and on content pages the skip link is shown when focused (the first Tab on a content page) and leads
 * into the page's main part, and Tab visits every link, button and field in document order, each
 * showing a focus outline and on screen, none skipped, none holding the focus. Once at a desktop width,
 * once at a phone's 390 px, where a wide table without links is a stop of its own that the arrow keys
 * scroll. Screenshots of the focused skip link are kept in {@code target/screenshots/}.
 */
class ConsoleKeyboardBrowserTest {
    private static final String USER = "keys@pharma-k";
    private static final String PASSWORD = "correct horse battery";
    private static final String TYPED_GTIN = "09506000134352";
    private static final String SEEDED_GTIN = "09506000134369";

    private static Vertx vertx;
    private static ConsoleHarness console;
    private static HeadlessChromium chromium;
    private static KeyboardWalk keys;
    private static String epcisJob;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account(USER, ApiRole.COMPANY, "pharma-k", PASSWORD);
        // a product with a lot, so the lists have rows with links and the product page a table of lots
        ConsoleHarness.Client http = console.signIn(USER, PASSWORD);
        assertEquals(303, http.post("/console/products", MultiMap.caseInsensitiveMultiMap().add("gtin", SEEDED_GTIN)
                .add("name", "Vaccine vial").add("category", "drug").add("tempMinC", "2").add("tempMaxC", "8")).statusCode());
        assertEquals(303, http.post("/console/products/" + SEEDED_GTIN + "/lots", MultiMap.caseInsensitiveMultiMap()
                .add("lot", "V2026-12")).statusCode());
        // and a capture job, whose table of events (long ids, no links) is wider than a phone
        HttpResponse<Buffer> job = http.post("/console/epcis",
                MultiMap.caseInsensitiveMultiMap().add("behaviour", "proceed")
                        .add("text", EpcisConsoleDocuments.oneGoodOneBad("keyboard").encode()));
        assertEquals(303, job.statusCode(), job.bodyAsString());
        epcisJob = job.getHeader("location");
        // a running job's page reloads itself, which would cut a walk short: wait until it has finished
        await("capture job " + epcisJob).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(epcisJob).getHeader("refresh") == null);
        chromium = HeadlessChromium.start(vertx);
        // the page behaves as the focused window: :focus styles apply and autofocus takes effect
        chromium.call("Emulation.setFocusEmulationEnabled", new JsonObject().put("enabled", true));
        keys = new KeyboardWalk(chromium);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanyUserSignsInAndWorksTheConsoleByKeyboardAlone() throws Exception {
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1100).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false));
        String signIn = console.base() + "/console/sign-in?lang=en";

        // the cursor starts in the username field; Tab goes on to the password and the button, Shift+Tab
        // back through the language link and the brand to the skip link
        keys.load(signIn);
        awaitFocusOn("#username");
        keys.walk(true, "sign-in");
        keys.load(signIn);
        awaitFocusOn("#username");
        List<KeyboardWalk.Focus> back = keys.walk(false, "sign-in");
        KeyboardWalk.Focus skip = back.get(back.size() - 1);
        assertTrue(skip.description().startsWith("a[#main]"), "Shift+Tab from the username ends on the skip link: " + skip);
        assertTrue(skip.whollyOnScreen(), "the focused skip link is shown: " + skip);
        keys.load(signIn);
        awaitFocusOn("#username");
        keys.shiftTabTo("a.skip");
        keys.enter();
        chromium.awaitTrue("location.hash === '#main'");
        keys.tab();
        assertEquals("username", chromium.eval("document.activeElement.id"), "after the skip link, Tab goes into the form");

        signInByKeyboard();

        // the menu by keyboard: Tab to "Products", Enter follows it
        keys.tabTo("nav a[href='/console/products']");
        keys.enter();
        chromium.awaitTrue("location.pathname === '/console/products' && document.readyState === 'complete'");

        String products = console.base() + "/console/products?lang=en";
        skipLinkLeadsIntoMain(products, "console-keyboard-skip.png");
        keys.load(products);
        keys.walk(true, "products");

        // a form sent with Enter from a field
        keys.load(products);
        keys.tabTo("#gtin");
        keys.type(TYPED_GTIN);
        keys.tab();
        assertEquals("name", chromium.eval("document.activeElement.id"), "Tab from the GTIN goes to the name");
        keys.type("Insulin pen");
        keys.enter();
        chromium.awaitTrue("location.pathname === '/console/products/" + TYPED_GTIN + "' && document.readyState === 'complete'");
        assertTrue(chromium.text().contains("Product registered."), chromium.text());

        for (String page : new String[] {"/console/products/" + SEEDED_GTIN, "/console/devices", "/console/devices/new",
                "/console/lots/" + SEEDED_GTIN + "/V2026-12"}) {
            skipLinkLeadsIntoMain(console.base() + page + "?lang=en", null);
            keys.load(console.base() + page + "?lang=en");
            keys.walk(true, page);
        }
    }

    @Test
    void onAPhoneEveryStopIsReachedAndShownToo() throws Exception {
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 390).put("height", 844)
                .put("deviceScaleFactor", 1).put("mobile", true));
        try {
            signInByKeyboard();
            for (String page : new String[] {"/console/products", "/console/products/" + SEEDED_GTIN, epcisJob}) {
                String url = console.base() + page + "?lang=en";
                skipLinkLeadsIntoMain(url, page.equals("/console/products") ? "console-keyboard-skip-phone.png" : null);
                keys.load(url);
                for (KeyboardWalk.Focus f : keys.walk(true, page + " at 390 px")) {
                    assertTrue(f.width() > 390 || (f.x() >= 0 && f.x() + f.width() <= 390.5),
                            page + ": the focused " + f.description() + " is scrolled into view, its whole width: " + f);
                }
            }
            // the events table scrolls sideways; with the focus on it, the arrow keys scroll it
            keys.load(console.base() + epcisJob + "?lang=en");
            keys.tabTo("main .scroll");
            keys.arrowRight();
            chromium.awaitTrue("document.querySelector('main .scroll').scrollLeft > 0");
        } finally {
            chromium.call("Emulation.clearDeviceMetricsOverride", new JsonObject());
        }
    }

    /** Types the username and password into the sign-in form, moving with Tab, and sends it with Enter. */
    private static void signInByKeyboard() throws Exception {
        keys.load(console.base() + "/console/sign-in?lang=en");
        awaitFocusOn("#username");
        keys.type(USER);
        keys.tab();
        assertEquals("password", chromium.eval("document.activeElement.id"), "Tab from the username goes to the password");
        keys.type(PASSWORD);
        keys.enter();
        chromium.awaitTrue("location.pathname === '/console/' && document.readyState === 'complete'");
    }

    /**
     * On a freshly loaded page the first Tab focuses the skip link and shows it wholly on screen; Enter
     * on it goes to #main, and the next Tab focuses the first stop inside the main part, past the menu.
     */
    private static void skipLinkLeadsIntoMain(String url, String screenshot) throws Exception {
        keys.load(url);
        assertEquals(-1, keys.focus().index(), url + ": nothing has the focus before the first key");
        keys.tab();
        KeyboardWalk.Focus skip = keys.focus();
        assertEquals(0, skip.index(), url + ": the first Tab focuses the first stop, " + skip);
        assertEquals("true", chromium.eval("document.activeElement.classList.contains('skip')"), url + ": " + skip);
        assertTrue(skip.whollyOnScreen(), url + ": the focused skip link is shown on screen: " + skip);
        assertTrue(skip.indicated(), url + ": the focused skip link has a focus outline: " + skip);
        if (screenshot != null) {
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            Files.write(shots.resolve(screenshot), chromium.screenshotPng());
        }
        keys.enter();
        chromium.awaitTrue("location.hash === '#main'");
        keys.tab();
        int first = keys.firstStopIn("main");
        assertTrue(first > 0, url + ": the main part has something to focus");
        assertEquals(first, keys.focus().index(), url + ": after the skip link, Tab goes to " + keys.stops().get(first)
                + ", not " + keys.focus().description());
    }

    private static void awaitFocusOn(String selector) {
        chromium.awaitTrue("document.activeElement === document.querySelector(" + HeadlessChromium.js(selector) + ")");
    }
}
