package org.prooftrail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.LogCapture;
import org.prooftrail.api.testing.SignedStore;

/**
 * Throws hostile input at every operation of openapi.yaml, read at test time so new operations are
 * covered as they appear: SQL metacharacters and 100 KB values in every path and query parameter,
 * invalid UTF-8 (percent-encoded and raw bytes), 10,000-level JSON bodies and wrong content types,
 * as a regulator, as a company and without a token. Every answer must be below 500 with a problem
 * body (501 only from operations this server does not implement yet), and the data must survive.
 */
class HostileInputTest {
    private static final List<String> SQL = List.of("' OR 1=1 --", "\"; DROP TABLE item; --");
    private static final String HUGE = "A".repeat(100 * 1024);
    private static final String TABLES = "SELECT (SELECT count(*) FROM organisation) || '/' || (SELECT count(*) FROM device) "
            + "|| '/' || (SELECT count(*) FROM envelope) || '/' || (SELECT count(*) FROM epcis_event) || '/' "
            + "|| (SELECT count(*) FROM event_epc) || '/' || (SELECT count(*) FROM item) || '/' || (SELECT count(*) FROM chunk)";
    private static Vertx vertx;
    private static ApiHarness api;
    private static List<Operation> operations;
    private static final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        FarmToShelf.store(new SignedStore(api.db()));
        operations = OpenAPIContract.from(vertx, ApiVerticle.CONTRACT).await(30, TimeUnit.SECONDS).operations();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static Map<String, String> tokens() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("regulator", api.token(ApiRole.REGULATOR, null));
        t.put("company", api.token(ApiRole.COMPANY, FarmToShelf.PROCESSOR));
        t.put("none", null);
        return t;
    }

    @Test
    void everyOperationAnswersHostileInputWithAProblemAndTheDataSurvives() throws Exception {
        String before = snapshot();
        assertTrue(operations.size() >= 20, "the contract was read: " + operations.size() + " operations");
        for (Operation op : operations) {
            for (Map.Entry<String, String> token : tokens().entrySet()) {
                for (String value : SQL) {
                    send(op, token, "every parameter " + value, allParams(op, value), null, null);
                }
                for (Parameter p : params(op)) {
                    Map<String, String> one = allParams(op, null);
                    one.put(p.getName() + "@" + p.getIn(), HUGE);
                    send(op, token, "100 KB " + p.getName(), one, null, null);
                    one.put(p.getName() + "@" + p.getIn(), "%C3%28%FF%FE");
                    send(op, token, "invalid UTF-8 " + p.getName(), one, null, null);
                }
                String deep = "[".repeat(10_000) + "]".repeat(10_000);
                send(op, token, "deep JSON array", allParams(op, null), Buffer.buffer(deep), "application/json");
                send(op, token, "deep JSON object", allParams(op, null),
                        Buffer.buffer("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), "application/json");
                send(op, token, "invalid UTF-8 body", allParams(op, null),
                        Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}),
                        "application/json");
                for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded", "image/png")) {
                    send(op, token, "content type " + type, allParams(op, null), Buffer.buffer("{\"id\":\"x\"}"), type);
                }
                raw(op, token);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " bad answers");
        assertEquals(before, snapshot(), "row counts of the main tables are unchanged");
    }

    private static List<Parameter> params(Operation op) {
        return op.getParameters().stream().filter(p -> p.getIn() == Location.PATH || p.getIn() == Location.QUERY).toList();
    }

    /** Every path and query parameter set to {@code value}; with null, path parameters only, as "x". */
    private static Map<String, String> allParams(Operation op, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Parameter p : params(op)) {
            if (value != null || p.getIn() == Location.PATH) {
                m.put(p.getName() + "@" + p.getIn(), value == null ? "x" : URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    /** Values are already percent-encoded (or deliberately broken encodings). */
    private static String uri(Operation op, Map<String, String> params) {
        String path = op.getOpenAPIPath();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String[] nameIn = e.getKey().split("@");
            if (nameIn[1].equals(Location.PATH.toString())) {
                path = path.replace("{" + nameIn[0] + "}", e.getValue());
            } else {
                query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(nameIn[0], StandardCharsets.UTF_8))
                        .append('=').append(e.getValue());
            }
        }
        return path + query;
    }

    private static void send(Operation op, Map.Entry<String, String> token, String what, Map<String, String> params,
                             Buffer body, String contentType) {
        String uri = uri(op, params);
        String label = op.getOperationId() + " [" + token.getKey() + "] " + what;
        try {
            HttpRequest<Buffer> r = api.request(op.getHttpMethod(), uri, token.getValue());
            if (contentType != null) {
                r.putHeader("content-type", contentType);
            }
            HttpResponse<Buffer> resp = (body == null ? r.send() : r.sendBuffer(body)).await(30, TimeUnit.SECONDS);
            check(label, resp.statusCode(), resp.getHeader("content-type"), resp.bodyAsString());
        } catch (Exception e) {
            failures.add(label + ": no answer (" + e + ")");
        }
    }

    /** Raw bytes on the wire: an invalid UTF-8 byte in the path and the query, which no client library sends. */
    private static void raw(Operation op, Map.Entry<String, String> token) {
        String uri = uri(op, allParams(op, null));
        String label = op.getOperationId() + " [" + token.getKey() + "] raw invalid UTF-8 bytes";
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes((op.getHttpMethod().name() + " ").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(uri.replace("x", "x\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        req.writeBytes((uri.contains("?") ? "&" : "?").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(new byte[] {'q', '=', (byte) 0xC3, (byte) 0x28});
        req.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (token.getValue() == null ? "" : "Authorization: Bearer " + token.getValue() + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: 4\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(new byte[] {'"', (byte) 0xFF, (byte) 0xFE, '"'});
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            assertNotNull(response);
            if (end < 0) {
                failures.add(label + ": no complete answer: " + response);
                return;
            }
            String head = response.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            String type = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
            }
            check(label, status, type, response.substring(end + 4));
        } catch (Exception e) {
            failures.add(label + ": " + e);
        }
    }

    private static void check(String label, int status, String type, String body) {
        boolean notImplemented = status == 501 && body != null && body.contains("is not implemented by this server");
        if (status >= 500 && !notImplemented) {
            failures.add(label + ": " + status + " " + abbreviate(body));
        } else if (status >= 300 && !"application/problem+json".equals(type)) {
            failures.add(label + ": " + status + " with content-type " + type + ": " + abbreviate(body));
        } else if (status >= 400 && (body == null || !body.contains("\"detail\""))) {
            failures.add(label + ": " + status + " problem without a detail: " + abbreviate(body));
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "(no body)" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Test
    void aLonePercentInAQueryOrAPathIsA400WithoutAStackTrace() throws Exception {
        List<String> bad = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            String regulator = api.token(ApiRole.REGULATOR, null);
            for (Operation op : operations) {
                for (Parameter p : params(op)) {
                    Map<String, String> one = allParams(op, null);
                    one.put(p.getName() + "@" + p.getIn(), p.getIn() == Location.PATH ? "a%" : "%");
                    String uri = uri(op, one);
                    Answer a = exchange(op.getHttpMethod().name() + " " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: close\r\nAuthorization: Bearer " + regulator + "\r\n\r\n");
                    if (a.status() != 400 || !"application/problem+json".equals(a.type()) || !a.body().contains("\"detail\"")) {
                        bad.add(op.getOperationId() + " " + uri + ": " + a.status() + " " + abbreviate(a.body()));
                    }
                }
            }
            Answer pub = exchange("GET /v1/log/consistency?first=%&second=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(400, pub.status(), pub.body());
            assertTrue(pub.body().contains("first"), "the problem names the parameter: " + pub.body());
            assertEquals(List.of(), bad, bad.size() + " operations did not answer 400");
            assertEquals(List.of(), logs.problems().stream().map(e -> e.getFormattedMessage()).toList(),
                    "a client's broken encoding is not the server's problem: nothing logged at WARN or above");
        }
    }

    @Test
    void signedTokensWithClaimsOfTheWrongTypeAreRefusedWith401() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "\"iss\":\"" + api.auth().issuer() + "\",\"sub\":\"x\",\"role\":\"regulator\"";
        String aud = "\"aud\":\"" + api.auth().audience() + "\"";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("exp as a string", hs256(header, "{" + claims + "," + aud + ",\"exp\":\"" + (now + 600) + "\"}"));
        tokens.put("iat as a string", hs256(header, "{" + claims + "," + aud + ",\"exp\":" + (now + 600) + ",\"iat\":\"" + now + "\"}"));
        tokens.put("nbf as a string", hs256(header, "{" + claims + "," + aud + ",\"exp\":" + (now + 600) + ",\"nbf\":\"" + now + "\"}"));
        tokens.put("aud as a number", hs256(header, "{" + claims + ",\"aud\":42,\"exp\":" + (now + 600) + "}"));
        tokens.put("aud as an object", hs256(header, "{" + claims + ",\"aud\":{\"a\":1},\"exp\":" + (now + 600) + "}"));
        tokens.put("an unknown crit header", hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"x-pt\"],\"x-pt\":1}",
                "{" + claims + "," + aud + ",\"exp\":" + (now + 600) + "}"));
        // the control: the same hand-made token with the right types is accepted
        String good = hs256(header, "{" + claims + "," + aud + ",\"exp\":" + (now + 600) + ",\"iat\":" + now + "}");
        assertEquals(200, api.request(HttpMethod.GET, "/v1/orgs", good).send().await(30, TimeUnit.SECONDS).statusCode());
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/v1/orgs", t.getValue()).send().await(30, TimeUnit.SECONDS);
            if (r.statusCode() != 401 || !"application/problem+json".equals(r.getHeader("content-type"))) {
                bad.add(t.getKey() + ": " + r.statusCode() + " " + abbreviate(r.bodyAsString()));
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void anAnonymousBodyIsRefusedBeforeItIsRead() throws Exception {
        // 15 MB announced, 10 bytes sent: the refusal must come without waiting for the rest.
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/products HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 15000000\r\n\r\n{\"gtin\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer a = Answer.read(s.getInputStream());
            assertEquals(401, a.status(), a.body());
            assertEquals("application/problem+json", a.type());
        }
        // with a token the body is still read and the operation runs (here: refused on its content, a 4xx)
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/v1/products", api.token(ApiRole.REGULATOR, null))
                .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer("{}")).await(30, TimeUnit.SECONDS);
        assertTrue(r.statusCode() == 400 || r.statusCode() == 403, r.statusCode() + " " + r.bodyAsString());
    }

    @Test
    void silentConnectionsAndHalfSentHeadersAreCutOff() throws Exception {
        try (ApiHarness quick = ApiHarness.start(vertx, Map.of(ApiSettings.IDLE_TIMEOUT, "1s"), c -> List.of())) {
            assertCutOff(quick.port());
            // a prompt request on the same server is still served
            assertEquals(200, quick.request(HttpMethod.GET, "/health/live", null).send().await(30, TimeUnit.SECONDS).statusCode());
        }
        // the health-and-metrics server of nodes without the API, too
        org.prooftrail.ops.OpsServer ops = new org.prooftrail.ops.OpsServer("127.0.0.1", 0,
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
                List.of(), java.time.Duration.ofSeconds(1));
        String id = vertx.deployVerticle(ops).await(30, TimeUnit.SECONDS);
        try {
            assertCutOff(ops.actualPort());
        } finally {
            vertx.undeploy(id).await(10, TimeUnit.SECONDS);
        }
    }

    private static void assertCutOff(int port) throws Exception {
        for (String sent : List.of("", "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(15_000);
                long started = System.nanoTime();
                s.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // whatever the server says before it closes
                    }
                } catch (java.net.SocketException reset) {
                    // closed with a reset: also closed
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertTrue(millis < 5_000, "a client that sent " + sent.length() + " bytes was held for " + millis + " ms");
            }
        }
    }

    @Test
    void theContractComesFromTheClasspathNotTheWorkingDirectory() throws Exception {
        java.nio.file.Path planted = java.nio.file.Path.of(ApiVerticle.CONTRACT).toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(planted), "a real " + planted + " exists");
        String own;
        try (InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
            own = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.nio.file.Files.writeString(planted, own.replace("/v1/log/key:", "/v1/log/planted:"));
        try (ApiHarness other = ApiHarness.start(vertx, Map.of())) {
            HttpResponse<Buffer> r = other.request(HttpMethod.GET, "/openapi.yaml", null).send().await(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals(own, r.bodyAsString(), "the served contract is the one in the jar");
            assertEquals(404, other.request(HttpMethod.GET, "/v1/log/planted", null).send().await(30, TimeUnit.SECONDS).statusCode(),
                    "the contract that routes is the one in the jar");
        } finally {
            java.nio.file.Files.deleteIfExists(planted);
        }
    }

    private static String hs256(String header, String claims) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(ApiHarness.SECRET, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** One request written as raw bytes (clients would re-encode a lone %), its answer read to the end. */
    private static Answer exchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return Answer.read(s.getInputStream());
        }
    }

    private record Answer(int status, String type, String body) {
        /** Reads one response (by content-length, or to the end). */
        static Answer read(InputStream in) throws Exception {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new java.io.EOFException("closed before the headers ended: " + head);
                }
                head.write(b);
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            String type = null;
            int length = -1;
            for (String line : h.split("\r\n")) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    type = line.substring(13).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Answer(Integer.parseInt(h.substring(9, 12)), type, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String snapshot() throws Exception {
        try (Connection c = api.db().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
