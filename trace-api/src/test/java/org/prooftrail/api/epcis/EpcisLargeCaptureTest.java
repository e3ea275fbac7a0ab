package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.epcis.EventHashId;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.store.registry.Organisations;

/**
 * A capture document of 1,000 events over real HTTP and PostgreSQL: every event stored with its CBV
 * hash ID, its identifier rows with their keys, one signed envelope each in one chunk, in document
 * order; and the statements the capture sends do not grow with the document (the same count as for a
 * five-event document), counted as the PostgreSQL driver sends them (each Execute message, a statement of
 * a JDBC batch included), since the capture writer takes its connections from the pool directly.
 */
class EpcisLargeCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "large-capture";
    /** Held here: the logging framework keeps loggers only weakly, and with them the level set. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final Executes counter = new Executes();
    private static Vertx vertx;
    private static ApiHarness api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        new Organisations(api.db().dataSource()).ensure(ORG, "Large Capture");
        token = api.token(ApiRole.COMPANY, ORG);
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(counter);
        DRIVER.setLevel(Level.FINEST);
        // the first capture registers the organisation's pseudo-device and key: not part of what is compared
        assertTrue(EpcisFixtures.capture(api, token, document(5, 0)).getBoolean("success"));
    }

    @AfterAll
    static void stop() throws Exception {
        DRIVER.setLevel(null);
        DRIVER.removeHandler(counter);
        DRIVER.setUseParentHandlers(true);
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** {@code n} events, the fixture's five types in turn, each with its own eventID. */
    private static JsonObject document(int n, int run) {
        JsonObject doc = EpcisFixtures.document(ORG);
        JsonArray sample = doc.getJsonObject("epcisBody").getJsonArray("eventList");
        JsonArray list = new JsonArray();
        for (int i = 0; i < n; i++) {
            list.add(sample.getJsonObject(i % 5).copy().put("eventID", "urn:uuid:" + new UUID(run, i)));
        }
        doc.getJsonObject("epcisBody").put("eventList", list);
        return doc;
    }

    /** Statements the driver sent for the capture's worker (checks, job, the one transaction); the polling GETs run elsewhere. */
    private static List<String> captureStatements(JsonObject doc) throws Exception {
        counter.threads.clear();
        JsonObject job = EpcisFixtures.capture(api, token, doc);
        assertTrue(job.getBoolean("success"), job.encode());
        return counter.threads.stream().filter(t -> t.startsWith("pt-api-bulk")).toList();
    }

    /** The threads that had the driver send an Execute message, one entry per message (logged on the sending thread). */
    private static final class Executes extends Handler {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            if (r.getMessage() != null && r.getMessage().contains("FE=> Execute(")) {
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aThousandEventDocumentIsStoredWholeInAsManyStatementsAsAFiveEventOne() throws Exception {
        List<String> small = captureStatements(document(5, 1));
        JsonObject doc = document(1000, 2);
        List<String> large = captureStatements(doc);
        assertTrue(small.size() >= 10, "every statement counted: " + small);
        assertEquals(small.size(), large.size(), "statements do not grow with the document");
        assertTrue(large.size() <= 20, large.size() + " statements");

        JsonArray events = doc.getJsonObject("epcisBody").getJsonArray("eventList");
        List<String> ids = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = JSON.readTree(events.getJsonObject(i).encode());
            ids.add(e.get("eventID").asText());
            hashes.put(e.get("eventID").asText(), EventHashId.of(e).uri());
        }
        try (Connection c = api.db().dataSource().getConnection()) {
            List<String> storedOrder = new ArrayList<>();
            List<Long> leaves = new ArrayList<>();
            List<Long> chunks = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT ev.event_id, ev.hash_id, en.leaf_index, en.chunk_id, en.kind "
                    + "FROM epcis_event ev JOIN envelope en ON en.id = ev.envelope_id WHERE ev.event_id = ANY(?) ORDER BY ev.id")) {
                st.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        storedOrder.add(rs.getString(1));
                        assertEquals(hashes.get(rs.getString(1)), rs.getString(2), "hash ID of " + rs.getString(1));
                        leaves.add(rs.getLong(3));
                        chunks.add(rs.getLong(4));
                        assertEquals("event", rs.getString(5));
                    }
                }
            }
            assertEquals(ids, storedOrder, "every event, rows in document order (a subscription's feed order)");
            assertEquals(1, chunks.stream().distinct().count(), "one chunk");
            for (int i = 0; i < leaves.size(); i++) {
                assertEquals(i, leaves.get(i).longValue(), "dense leaf indexes in document order");
            }
            Map<String, Integer> rowsPerEvent = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT ev.event_id, ee.epc, ee.epc_key FROM event_epc ee "
                    + "JOIN epcis_event ev ON ev.id = ee.event_id WHERE ev.event_id = ANY(?)")) {
                st.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(EpcKey.of(rs.getString(2)), rs.getString(3), "key of " + rs.getString(2));
                        rowsPerEvent.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
            }
            // the fixture's five types name 3 (two EPCs, a quantity class), 3 (parent, two children), 1, 2 (input, output)
            // and 2 (parent, child) identifiers
            int[] expected = {3, 3, 1, 2, 2};
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(expected[i % 5], rowsPerEvent.getOrDefault(ids.get(i), 0), "identifier rows of event " + i);
            }
        }
    }
}
