package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.core.envelope.VerifiedEnvelope;

/**
 * Envelope rows, written with one multi-row statement per batch. {@code ON CONFLICT DO NOTHING}
 * on (device, seq) makes a redelivered message a no-op, never a second row.
 */
final class EnvelopeRows {
    /** The idempotency key of an envelope. */
    record RowKey(String device, long seq) {
    }

    private static final String INSERT = "INSERT INTO envelope (device_id, seq, kind, kid, alg, device_ts, jws, chunk_id, leaf_index, disclosures) "
            // an SD-JWT's disclosures travel as one '~'-joined text each ('~' is outside base64url), since
            // unnest cannot hand out rows of a two-dimensional array
            + "SELECT d, s, k, kid, alg, ts::timestamptz, j, ?, li, string_to_array(ds, '~') "
            + "FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::text[]) "
            + "AS u(d, s, k, kid, alg, ts, j, li, ds) "
            + "ON CONFLICT (device_id, seq) DO NOTHING RETURNING id, device_id, seq";

    private EnvelopeRows() {
    }

    /** Inserts what is new; returns the new rows' ids by key (absent: that key was already stored). */
    static Map<RowKey, Long> insert(Connection c, List<AcceptedEnvelope> accepted, long chunkId) throws SQLException {
        int n = accepted.size();
        String[] devices = new String[n];
        long[] seqs = new long[n];
        String[] kinds = new String[n];
        String[] kids = new String[n];
        String[] algs = new String[n];
        String[] times = new String[n];
        byte[][] jws = new byte[n][];
        int[] leaves = new int[n];
        String[] disclosures = new String[n];
        for (int i = 0; i < n; i++) {
            VerifiedEnvelope v = accepted.get(i).envelope();
            devices[i] = v.dev();
            seqs[i] = v.seq();
            kinds[i] = v.event().isPresent() ? "event" : "readings";
            kids[i] = v.kid();
            algs[i] = v.alg().jwsName();
            times[i] = v.ts().toString();
            jws[i] = v.raw();
            leaves[i] = i;
            disclosures[i] = v.disclosures().isEmpty() ? null : String.join("~", v.disclosures());
        }
        Map<RowKey, Long> ids = new HashMap<>(n * 2);
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            // Java arrays through setObject go in PostgreSQL's binary array format: a bytea[] of the
            // envelopes' bytes as text would be hex, twice their size, encoded here and parsed there.
            st.setLong(1, chunkId);
            st.setObject(2, devices);
            st.setObject(3, seqs);
            st.setObject(4, kinds);
            st.setObject(5, kids);
            st.setObject(6, algs);
            st.setObject(7, times);
            st.setObject(8, jws);
            st.setObject(9, leaves);
            st.setObject(10, disclosures);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.put(new RowKey(rs.getString(2), rs.getLong(3)), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The stored bytes of envelopes whose key was already taken, to tell duplicates from replays. */
    static Map<RowKey, byte[]> existing(Connection c, List<AcceptedEnvelope> accepted) throws SQLException {
        String[] devices = new String[accepted.size()];
        Long[] seqs = new Long[accepted.size()];
        for (int i = 0; i < accepted.size(); i++) {
            devices[i] = accepted.get(i).envelope().dev();
            seqs[i] = accepted.get(i).envelope().seq();
        }
        Map<RowKey, byte[]> stored = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT e.device_id, e.seq, e.jws FROM envelope e "
                + "JOIN unnest(?::text[], ?::bigint[]) AS u(d, s) ON e.device_id = u.d AND e.seq = u.s")) {
            st.setArray(1, c.createArrayOf("text", devices));
            st.setArray(2, c.createArrayOf("bigint", seqs));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.put(new RowKey(rs.getString(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        return stored;
    }

    /** Gives the stored rows leaf indexes 0..n-1 in batch order, closing the gaps duplicates left. */
    static void renumber(Connection c, List<Long> idsInOrder) throws SQLException {
        Long[] ids = idsInOrder.toArray(new Long[0]);
        Integer[] leaves = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            leaves[i] = i;
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE envelope SET leaf_index = u.li "
                + "FROM unnest(?::bigint[], ?::int[]) AS u(id, li) WHERE envelope.id = u.id")) {
            st.setArray(1, c.createArrayOf("bigint", ids));
            st.setArray(2, c.createArrayOf("integer", leaves));
            st.executeUpdate();
        }
    }
}
