package org.prooftrail.api.page;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol with Vert.x's WebSocket
 * client: one page target in flat session mode, commands answered by id. Installs the package when
 * it is missing and the tests run as root; skips (with the reason) when it cannot.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final String BADGE = "(function(){var b=document.getElementById('pt-badge');"
            + "return b ? b.getAttribute('data-state') + '|' + (b.getAttribute('data-path') || '') + '|' "
            + "+ (b.getAttribute('data-step') || '') : null;})()";

    private final Process process;
    private final Path profile;
    private final WebSocketClient client;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private volatile String session;

    private HeadlessChromium(Process process, Path profile, WebSocketClient client, WebSocket ws) {
        this.process = process;
        this.profile = profile;
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(text -> {
            JsonObject msg = new JsonObject(text);
            Integer id = msg.getInteger("id");
            CompletableFuture<JsonObject> f = id == null ? null : pending.remove(id);
            if (f != null) {
                f.complete(msg);
            }
        });
    }

    public static HeadlessChromium start(Vertx vertx) throws Exception {
        ensureInstalled();
        Path profile = Files.createTempDirectory("pt-chromium-");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank").redirectErrorStream(false).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("DevTools listening on ")) {
                        endpoint.complete(line.substring("DevTools listening on ".length()).trim());
                    }
                }
                endpoint.completeExceptionally(new IOException("chromium exited before it listened"));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        p.getInputStream().close();
        String url;
        try {
            url = endpoint.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        LOG.info("chromium DevTools at {}", url);
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(64 * 1024 * 1024).setMaxFrameSize(64 * 1024 * 1024));
        // Chromium refuses DevTools connections that carry an Origin it was not told to allow
        WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url).setAllowOriginHeader(false))
                .await(30, TimeUnit.SECONDS);
        HeadlessChromium c = new HeadlessChromium(p, profile, client, ws);
        String target = c.call("Target.createTarget", new JsonObject().put("url", "about:blank")).getString("targetId");
        c.session = c.call("Target.attachToTarget", new JsonObject().put("targetId", target).put("flatten", true))
                .getString("sessionId");
        c.call("Page.enable", new JsonObject());
        return c;
    }

    private static void ensureInstalled() throws Exception {
        if (Files.isExecutable(BINARY)) {
            ensureChineseFont();
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "chromium is not installed at " + BINARY + " and the tests do not run as root, "
                + "so it cannot be installed; install the Debian package 'chromium' to run this test");
        LOG.warn("chromium is missing: installing the Debian package with apt-get (takes a minute)");
        for (String[] cmd : new String[][] {{"apt-get", "install", "-y", "chromium"}, {"apt-get", "update"},
                {"apt-get", "install", "-y", "chromium"}}) {
            if (Files.isExecutable(BINARY)) {
                break;
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int rc = pb.start().waitFor();
            LOG.info("{} exited with {}", String.join(" ", cmd), rc);
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "installing chromium with apt-get failed; install the "
                + "Debian package 'chromium' to run this test");
        ensureChineseFont();
    }

    /**
     * Pages in Chinese are checked as text, but their screenshots show empty boxes without a font that
     * has the characters: a small one (1.6 MB) is installed when none is there and the tests run as root.
     * Best effort; nothing depends on it but the pictures.
     */
    private static synchronized void ensureChineseFont() {
        try {
            Process list = new ProcessBuilder("fc-list", ":lang=zh").redirectErrorStream(true).start();
            String fonts = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (list.waitFor() != 0 || !fonts.isBlank() || !"root".equals(System.getProperty("user.name"))) {
                return;
            }
            ProcessBuilder pb = new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", "fonts-wqy-microhei")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            LOG.info("no Chinese font: installing fonts-wqy-microhei for the screenshots (exit {})", pb.start().waitFor());
        } catch (IOException e) {
            LOG.info("could not look for a Chinese font: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a command to the page (or the browser before a page is attached) and waits for its result. */
    public JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        JsonObject msg = new JsonObject().put("id", id).put("method", method).put("params", params);
        if (session != null) {
            msg.put("sessionId", session);
        }
        ws.writeTextMessage(msg.encode());
        JsonObject reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + reply.getJsonObject("error").encode());
        }
        return reply.getJsonObject("result");
    }

    public void navigate(String url) throws Exception {
        JsonObject r = call("Page.navigate", new JsonObject().put("url", url));
        if (r.containsKey("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + r.getString("errorText"));
        }
    }

    /** The value of a JavaScript expression in the page (null while it throws, e.g. during a navigation). */
    public String eval(String expression) {
        try {
            JsonObject r = call("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true));
            Object v = r.getJsonObject("result").getValue("value");
            return v == null ? null : v.toString();
        } catch (Exception e) {
            return null;
        }
    }

    /** The consumer page's proof badge as "state|path|step" (null before the page has one). */
    public String badge() {
        return eval(BADGE);
    }

    /** Loads the page and waits until its badge has left the "checking" state; returns the badge. */
    public String badgeAfterLoad(String url) throws Exception {
        navigate(url);
        String[] seen = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    seen[0] = badge();
                    return seen[0] != null && !seen[0].startsWith("checking|");
                });
        return seen[0];
    }

    public byte[] screenshotPng() throws Exception {
        String data = call("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
        return java.util.Base64.getDecoder().decode(data);
    }


    /** Sends a command to the browser itself (not the page), e.g. download behaviour. */
    public JsonObject callBrowser(String method, JsonObject params) throws Exception {
        String attached = session;
        session = null;
        try {
            return call(method, params);
        } finally {
            session = attached;
        }
    }

    /** Waits (up to 30 s) until a JavaScript expression in the page is true; fails naming it otherwise. */
    public void awaitTrue(String expression) {
        org.awaitility.Awaitility.await(expression).atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> "true".equals(eval("!!(" + expression + ")")));
    }

    /** Opens a URL and waits until its document has loaded at that path. */
    public void open(String url) throws Exception {
        navigate(url);
        String path = java.net.URI.create(url).getPath();
        awaitTrue("document.readyState === 'complete' && location.pathname === " + js(path));
    }

    /** Sets a form field (input, select or textarea) found by CSS selector. */
    public void fill(String selector, String value) {
        String r = eval("(function(){var e=document.querySelector(" + js(selector) + ");if(!e)return 'missing';"
                + "e.value=" + js(value) + ";return 'ok';})()");
        if (!"ok".equals(r)) {
            throw new IllegalStateException("no field " + selector + " on " + eval("location.href"));
        }
    }

    /**
     * Clicks an element (a submit button, a link) and waits until a new document has loaded: the page's
     * marker disappears first, so the old page cannot pass for the new one.
     */
    public void clickAndWait(String selector) {
        eval("window.__ptOld = true");
        String r = eval("(function(){var e=document.querySelector(" + js(selector) + ");if(!e)return 'missing';"
                + "e.click();return 'ok';})()");
        if (!"ok".equals(r)) {
            throw new IllegalStateException("nothing to click at " + selector + " on " + eval("location.href"));
        }
        awaitTrue("!window.__ptOld && document.readyState === 'complete'");
    }

    /** The page's visible text. */
    public String text() {
        return eval("document.body ? document.body.innerText : ''");
    }

    /** A JavaScript string literal of {@code s}. */
    public static String js(String s) {
        return new JsonObject().put("s", s).encode().substring(5).replaceAll("}$", "");
    }

    @Override
    public void close() {
        try {
            ws.close().await(5, TimeUnit.SECONDS);
            client.close().await(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes away below in any case
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
