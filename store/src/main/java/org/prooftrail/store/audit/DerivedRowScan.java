package org.prooftrail.store.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGStatement;
import org.prooftrail.store.envelopes.EpcRow;
import org.prooftrail.store.envelopes.EventRow;
import org.prooftrail.store.envelopes.ReadingRow;

/**
 * Streams every envelope with the rows stored under its id ({@code reading}, {@code epcis_event} with
 * its {@code event_epc}), in envelope id order, for the audit that recomputes those rows. Three
 * server-side cursors (each sorted by envelope id) are merged here, so memory holds one envelope's
 * rows at a time whatever the table sizes; ids that only rows carry come out as groups without an
 * envelope. All three read one snapshot (REPEATABLE READ), so envelopes committed during the scan
 * cannot look like envelopes without rows.
 */
public final class DerivedRowScan {
    /** The group key of event rows whose {@code envelope_id} is null. */
    public static final long NO_ENVELOPE = -1;
    /** Reading rows kept per envelope id; an envelope carries at most 10,000 readings. */
    public static final int MAX_READINGS_PER_GROUP = 20_000;
    private static final int FETCH_SIZE = 2_000;
    /** PostgreSQL's memory for each of the two sorts, for the scan's transaction only. */
    public static final String SORT_MEMORY = "64MB";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENVELOPES = "SELECT e.id, e.device_id, e.seq, "
            + "(SELECT d.org_id FROM device d WHERE d.id = e.device_id), e.jws, "
            + "e.disclosures FROM envelope e ORDER BY e.id";
    private static final String READINGS = "SELECT envelope_id, time, device_id, temperature_c, humidity_pct, latitude, "
            + "longitude, extra::text FROM reading ORDER BY envelope_id";
    private static final String EVENTS = "SELECT COALESCE(ev.envelope_id, " + NO_ENVELOPE + ") AS env, ev.event_id, ev.org_id, "
            + "ev.event_type, ev.action, ev.event_time, ev.event_time_zone_offset, ev.biz_step, ev.disposition, ev.read_point, "
            + "ev.biz_location, ev.doc::text, x.epcs, x.roles, x.keys, ev.hash_id FROM epcis_event ev "
            + "LEFT JOIN LATERAL (SELECT array_agg(p.epc) AS epcs, array_agg(p.role) AS roles, array_agg(p.epc_key) AS keys FROM event_epc p "
            + "WHERE p.event_id = ev.id) x ON true ORDER BY env, ev.id";

    /** Receives the groups in envelope id order. */
    @FunctionalInterface
    public interface Sink {
        void accept(StoredGroup group) throws SQLException;
    }

    private DerivedRowScan() {
    }

    /**
     * Scans everything. On a connection in autocommit mode the scan runs in its own read-only
     * REPEATABLE READ transaction and the connection is given back as it came; otherwise it reads
     * in the caller's transaction.
     */
    public static void scan(Connection c, Sink sink) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        if (autoCommit) {
            c.setAutoCommit(false); // server-side cursors need an open transaction
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement()) {
                // Readings and events are sorted by envelope id (no index has that order); with the
                // default 4 MB each sort spills to disk from about 50,000 readings on.
                st.execute("SET LOCAL work_mem = '" + SORT_MEMORY + "'");
            }
        }
        try (PreparedStatement envelopes = c.prepareStatement(ENVELOPES);
             PreparedStatement readings = c.prepareStatement(READINGS);
             PreparedStatement events = c.prepareStatement(EVENTS)) {
            for (PreparedStatement st : List.of(envelopes, readings, events)) {
                // Binary results from the first execution: JWS bytes as bytes, not hex text to decode
                // (the largest JVM cost of the scan in a profile), numbers and times without parsing.
                st.unwrap(PGStatement.class).setPrepareThreshold(-1);
                st.setFetchSize(FETCH_SIZE);
            }
            readings.setFetchSize(FETCH_SIZE * 5);
            try (ResultSet e = envelopes.executeQuery(); ResultSet r = readings.executeQuery(); ResultSet v = events.executeQuery()) {
                merge(new Cursor(e), new Cursor(r), new Cursor(v), sink);
            }
        } finally {
            if (autoCommit) {
                c.rollback(); // read only: nothing to keep
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        }
    }

    /** Which envelope holds the event row of each of these eventIDs (absent: none is stored). */
    public static Map<String, Long> eventOwners(Connection c, Collection<String> eventIds) throws SQLException {
        Map<String, Long> owners = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT event_id, envelope_id FROM epcis_event WHERE event_id = ANY(?)")) {
            st.setArray(1, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long env = rs.getLong(2);
                    owners.put(rs.getString(1), rs.wasNull() ? NO_ENVELOPE : env);
                }
            }
        }
        return owners;
    }

    private static void merge(Cursor envelopes, Cursor readings, Cursor events, Sink sink) throws SQLException {
        while (envelopes.hasRow || readings.hasRow || events.hasRow) {
            long key = Math.min(envelopes.key(), Math.min(readings.key(), events.key()));
            StoredEnvelope envelope = null;
            if (envelopes.key() == key) {
                ResultSet rs = envelopes.rs;
                Array disclosures = rs.getArray(6);
                envelope = new StoredEnvelope(key, rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
                        disclosures == null ? List.of() : List.of((String[]) disclosures.getArray()));
                envelopes.next();
            }
            List<ReadingRow> rows = new ArrayList<>();
            long beyondCap = 0;
            while (readings.key() == key) {
                if (rows.size() < MAX_READINGS_PER_GROUP) {
                    rows.add(reading(readings.rs));
                } else {
                    beyondCap++;
                }
                readings.next();
            }
            List<EventRow> eventRows = new ArrayList<>(1);
            while (events.key() == key) {
                eventRows.add(event(events.rs));
                events.next();
            }
            sink.accept(new StoredGroup(key, envelope, rows, beyondCap, eventRows));
        }
    }

    private static ReadingRow reading(ResultSet rs) throws SQLException {
        return new ReadingRow(rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getLong(1),
                number(rs, 4), number(rs, 5), number(rs, 6), number(rs, 7), rs.getString(8));
    }

    private static EventRow event(ResultSet rs) throws SQLException {
        List<EpcRow> epcs = new ArrayList<>();
        Array epcArray = rs.getArray(13);
        Array roleArray = rs.getArray(14);
        Array keyArray = rs.getArray(15);
        if (epcArray != null && roleArray != null && keyArray != null) {
            String[] epc = (String[]) epcArray.getArray();
            String[] role = (String[]) roleArray.getArray();
            String[] key = (String[]) keyArray.getArray();
            for (int i = 0; i < epc.length; i++) {
                epcs.add(new EpcRow(epc[i], key[i], role[i])); // the key as stored, which the audit checks
            }
        }
        return new EventRow(rs.getString(2), rs.getString(16), rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), json(rs.getString(12)), epcs);
    }

    /** jsonb always parses; should it not, the text itself is compared (and differs). */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** A result set sorted by its first column, read one row ahead. */
    private static final class Cursor {
        final ResultSet rs;
        boolean hasRow;

        Cursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            next();
        }

        void next() throws SQLException {
            hasRow = rs.next();
        }

        long key() throws SQLException {
            return hasRow ? rs.getLong(1) : Long.MAX_VALUE;
        }
    }
}
