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

    private static String snapshot() throws Exception {
        try (Connection c = api.db().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
