package org.prooftrail.api.resolver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.testing.CountingConnections;
import org.prooftrail.store.scans.ScanLog;

/**
 * What one lookup costs the database, counted by a JDBC wrapper around every connection the API's
 * pool hands out: an item lookup at most 3 statements (the code with its scan summary, the journey's
 * events, the custody readings with the place names), a 304 at most 1; the scans are written later
 * by the scan log's own thread, one statement for many lookups.
 */
class LookupStatementCountTest {
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static final CountingConnections counter = new CountingConnections();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000"));
        f.api.db().wrapConnections(counter);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String accept, String ifNoneMatch) throws Exception {
        HttpRequest<Buffer> r = f.api.client().request(HttpMethod.GET, path).putHeader("accept", accept);
        if (ifNoneMatch != null) {
            r.putHeader("if-none-match", ifNoneMatch);
        }
        return r.send().await(20, TimeUnit.SECONDS);
    }

    /** Statements sent by the request path: everything but the scan log's writer thread. */
    private static List<CountingConnections.Sent> lookupStatements() {
        return counter.sent().stream().filter(s -> !s.thread().equals("pt-scan-writer")).toList();
    }

    /**
     * Drops every kept journey (a registry statement: its trigger announces the change, even when it
     * changes no row) and waits until an item lookup misses again; returns that lookup's statements.
     */
    private static List<CountingConnections.Sent> missed(String path, String accept) {
        List<List<CountingConnections.Sent>> sent = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            f.sql("UPDATE product SET name = name WHERE gtin = ?", f.demo.gtin());
            counter.reset();
            assertEquals(200, get(path, accept, null).statusCode());
            sent.add(lookupStatements());
            return !sent.get(sent.size() - 1).isEmpty();
        });
        return sent.get(sent.size() - 1);
    }

    /** Waits until the item's lookup is kept (the listener is up and the lot was assembled), then returns its statements. */
    private static List<CountingConnections.Sent> kept(String path, String accept) {
        List<List<CountingConnections.Sent>> sent = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            counter.reset();
            assertEquals(200, get(path, accept, null).statusCode());
            sent.add(lookupStatements());
            return sent.get(sent.size() - 1).isEmpty();
        });
        return sent.get(sent.size() - 1);
    }

    @Test
    void anItemLookupIsAtMostThreeStatementsAndNoneOnceItsLotIsKept() throws Exception {
        for (String accept : new String[] {"application/json", "text/html"}) {
            List<CountingConnections.Sent> full = missed(f.demo.itemPath(0), accept);
            assertTrue(full.size() <= 3, accept + ": " + full);
            assertTrue(kept(f.demo.itemPath(0), accept).isEmpty());

            counter.reset();
            HttpResponse<Buffer> r = get(f.demo.itemPath(0), accept, null);
            String etag = r.getHeader("etag");
            assertNotNull(etag);
            counter.reset();
            HttpResponse<Buffer> again = get(f.demo.itemPath(0), accept, etag);
            assertEquals(304, again.statusCode());
            assertEquals(etag, again.getHeader("etag"));
            assertEquals(List.of(), lookupStatements(), accept + ": a 304 of a kept item runs none");
        }
        // the China drug code takes the same path; the lot's page is assembled every time
        assertTrue(missed("/cn/" + f.demo.chinaCode(), "application/json").size() <= 3);
        assertTrue(kept("/cn/" + f.demo.chinaCode(), "application/json").isEmpty());
        counter.reset();
        assertEquals(200, get("/01/" + f.demo.gtin() + "/10/" + f.demo.lot(), "application/json", null).statusCode());
        assertTrue(lookupStatements().size() <= 3, lookupStatements().toString());
    }

    @Test
    void aMissKeepsTheWholeLotSoAnotherItemOfItRunsNoStatement() throws Exception {
        missed(f.demo.itemPath(0), "application/json");
        kept(f.demo.itemPath(0), "application/json");
        counter.reset();
        HttpResponse<Buffer> r = get(f.demo.itemPath(2), "application/json", null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(List.of(), lookupStatements(), "kept with the first item's lot");
        io.vertx.core.json.JsonArray custody = r.bodyAsJsonObject().getJsonArray("custody");
        assertEquals(3, custody.size(), custody.encode());
        for (int i = 0; i < custody.size(); i++) {
            assertTrue(custody.getJsonObject(i).getInteger("readings") > 0, "every window keeps its readings: " + custody.encode());
        }
    }

    @Test
    void scansAreWrittenOffTheRequestPathManyLookupsInOneStatement() throws Exception {
        counter.reset();
        int lookups = 20;
        long before = get(f.demo.itemPath(1), "application/json", null).bodyAsJsonObject().getJsonObject("scans").getLong("count");
        for (int i = 1; i < lookups; i++) {
            get(f.demo.itemPath(1), "application/json", null);
        }
        long[] count = {before};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (var c = f.api.db().dataSource().getConnection();
                 var st = c.prepareStatement("SELECT coalesce(sum(lookups), 0) FROM scan_summary WHERE serial = ?")) {
                st.setString(1, f.demo.serials().get(1));
                try (var rs = st.executeQuery()) {
                    rs.next();
                    count[0] = rs.getLong(1);
                }
            }
            return count[0] >= before + lookups - 1;
        });
        assertEquals(before + lookups - 1, count[0], "every lookup written");
        long writes = counter.sent().stream().filter(s -> s.thread().equals("pt-scan-writer")).count();
        assertTrue(writes >= 1 && writes < lookups, "the writer's statements for " + lookups + " lookups: " + writes);
        assertTrue(lookupStatements().stream().noneMatch(s -> s.sql() != null && s.sql().contains("INSERT INTO scan")),
                "no scan written on the request path");
        assertTrue(ScanLog.FLUSH_EVERY.toMillis() <= 1000);
    }
}
