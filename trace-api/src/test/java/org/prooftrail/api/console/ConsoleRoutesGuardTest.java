package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * Walks every page and action the console's views registered: none answers without a session, no
 * action runs without the session's CSRF token, each page opens for its roles only, and every page a
 * role can open is under 150 KB compressed, in both languages, with a label for each field.
 */
class ConsoleRoutesGuardTest {
    private static final String PASSWORD = "a long enough password";
    private static final Pattern INPUT = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static ConsoleFeature feature;
    private static final Map<ApiRole, ConsoleHarness.Client> signedIn = new EnumMap<>(ApiRole.class);

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx, Map.of(), c -> {
            List<ApiFeature> all = ApiFeatures.all(c);
            feature = (ConsoleFeature) all.stream().filter(f -> f instanceof ConsoleFeature).findFirst().orElseThrow();
            return all;
        });
        console.account("maker", ApiRole.COMPANY, "org-a", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        console.account("operator", ApiRole.ADMIN, null, PASSWORD);
        signedIn.put(ApiRole.COMPANY, console.signIn("maker", PASSWORD));
        signedIn.put(ApiRole.REGULATOR, console.signIn("inspector", PASSWORD));
        signedIn.put(ApiRole.ADMIN, console.signIn("operator", PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private record Route(String method, String path, List<ApiRole> roles) {
        static Route of(String registered) {
            String[] p = registered.split(" ");
            List<ApiRole> roles = new ArrayList<>();
            for (String r : p[2].split(",")) {
                roles.add(ApiRole.fromClaim(r).orElseThrow());
            }
            // a path parameter gets a value no record has
            return new Route(p[0], p[1].replaceAll(":[A-Za-z]+", "no-such-thing"), roles);
        }
    }

    private static List<Route> routes() {
        List<Route> out = feature.routes().stream().map(Route::of).toList();
        assertTrue(out.size() >= 3, "the console registered its pages: " + out);
        return out;
    }

    @Test
    void noPageOrActionAnswersWithoutASession() throws Exception {
        for (Route r : routes()) {
            ConsoleHarness.Client anonymous = console.client();
            if (r.method().equals("GET")) {
                HttpResponse<Buffer> resp = anonymous.get(r.path());
                assertEquals(303, resp.statusCode(), r.path());
                assertTrue(resp.getHeader("location").startsWith("/console/sign-in?next="), r.path());
            } else {
                HttpResponse<Buffer> resp = anonymous.postRaw(r.path(), MultiMap.caseInsensitiveMultiMap().add("_csrf", "x"));
                assertEquals(401, resp.statusCode(), r.path());
            }
        }
    }

    @Test
    void noActionRunsWithoutTheSessionsCsrfToken() throws Exception {
        for (Route r : routes()) {
            if (r.method().equals("POST")) {
                ConsoleHarness.Client c = signedIn.get(r.roles().get(0));
                assertEquals(403, c.postRaw(r.path(), MultiMap.caseInsensitiveMultiMap()).statusCode(), r.path());
                assertEquals(403, c.postRaw(r.path(), MultiMap.caseInsensitiveMultiMap().add("_csrf", "guessed")).statusCode(), r.path());
            }
        }
    }

    @Test
    void eachPageOpensForItsRolesOnlySmallLabelledAndInBothLanguages() throws Exception {
        for (Route r : routes()) {
            if (!r.method().equals("GET") || r.path().contains("no-such-thing")) {
                continue;
            }
            for (ApiRole role : ApiRole.values()) {
                ConsoleHarness.Client c = signedIn.get(role);
                for (String lang : List.of("en", "zh")) {
                    String url = r.path() + (r.path().contains("?") ? "&" : "?") + "lang=" + lang;
                    HttpResponse<Buffer> resp = c.get(url);
                    String body = resp.bodyAsString() == null ? "" : resp.bodyAsString();
                    if (!r.roles().contains(role)) {
                        assertEquals(403, resp.statusCode(), role + " " + url);
                        continue;
                    }
                    assertTrue(resp.statusCode() < 500, role + " " + url + " answered " + resp.statusCode() + ": " + body);
                    assertFalse(body.contains("Not for your role") || body.contains("您的角色无权访问"), role + " " + url);
                    String type = resp.getHeader("content-type");
                    if (resp.statusCode() == 303 || type == null || !type.startsWith("text/html")) {
                        continue; // a download (CSV, ZIP, PDF): only its role check applies here
                    }
                    assertTrue(body.contains("<html lang=\"" + (lang.equals("zh") ? "zh-CN" : "en") + "\""), url);
                    int compressed = gzipped(resp.body().getBytes());
                    assertTrue(compressed < 150 * 1024, url + " is " + compressed + " bytes compressed");
                    everyFieldHasALabel(url, body);
                }
            }
        }
    }

    private static void everyFieldHasALabel(String url, String html) {
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            String attrs = m.group(2);
            if (attrs.contains("type=\"hidden\"") || attrs.contains("type=\"submit\"")) {
                continue;
            }
            Matcher id = ID.matcher(attrs);
            assertTrue(id.find(), url + ": a field without an id cannot have a label: " + m.group());
            assertTrue(html.contains("for=\"" + id.group(1) + "\"") || attrs.contains("aria-label="),
                    url + ": no label for " + m.group());
        }
    }

    private static int gzipped(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.size();
    }
}
