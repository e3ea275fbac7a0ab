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
final class HeadlessChromium implements AutoCloseable {
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
    private String session;

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

    static HeadlessChromium start(Vertx vertx) throws Exception {
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
    }

    /** Sends a command to the page (or the browser before a page is attached) and waits for its result. */
    JsonObject call(String method, JsonObject params) throws Exception {
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

    void navigate(String url) throws Exception {
        JsonObject r = call("Page.navigate", new JsonObject().put("url", url));
        if (r.containsKey("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + r.getString("errorText"));
        }
    }

    /** The value of a JavaScript expression in the page (null while it throws, e.g. during a navigation). */
    String eval(String expression) {
        try {
            JsonObject r = call("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true));
            Object v = r.getJsonObject("result").getValue("value");
            return v == null ? null : v.toString();
        } catch (Exception e) {
            return null;
        }
    }

    /** The consumer page's proof badge as "state|path|step" (null before the page has one). */
    String badge() {
        return eval(BADGE);
    }

    /** Loads the page and waits until its badge has left the "checking" state; returns the badge. */
    String badgeAfterLoad(String url) throws Exception {
        navigate(url);
        String[] seen = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    seen[0] = badge();
                    return seen[0] != null && !seen[0].startsWith("checking|");
                });
        return seen[0];
    }

    byte[] screenshotPng() throws Exception {
        String data = call("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
        return java.util.Base64.getDecoder().decode(data);
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
