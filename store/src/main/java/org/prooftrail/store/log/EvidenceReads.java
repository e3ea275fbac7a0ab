package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an evidence document is built from: the signed envelopes behind a page (its events', and the
 * reading envelopes of its custody windows), their chunks, the device keys that sign them and the
 * registry facts (device organisation and placement) the page's recheck needs.
 */
public final class EvidenceReads {
    /** Envelopes per document; a journey of a year at one envelope an hour is ~9,000. */
    public static final int MAX_ENVELOPES = 20_000;

    /** One device's readings during one custody window. */
    public record DeviceWindow(String device, Instant from, Instant to) {
    }

    /** A stored envelope: raw JWS and its place in its chunk. */
    public record StoredEnvelope(long id, String device, long seq, String kid, byte[] jws, long chunkId, int leafIndex) {
    }

    /** A chunk; {@code logIndex} is null until the anchorer logs it. */
    public record StoredChunk(long id, String hashAlg, int size, byte[] root, byte[] leafHashes, Long logIndex) {
    }

    public record DeviceKeyRow(String kid, String device, String alg, String publicKeyPem) {
    }

    /** Registry facts: whose device it is and where it is placed (not signed). */
    public record DeviceFacts(String id, String orgId, String orgName, String location) {
    }

    private EvidenceReads() {
    }

    /**
     * The envelopes named by (device, seq), and for each device window every reading envelope of the
     * device from the lowest to the highest seq whose readings fall in the window (so a hole in the
     * {@code reading} rows still brings its envelope), all received by {@code at}.
     */
    public static List<StoredEnvelope> envelopes(Connection c, Collection<String[]> named, List<DeviceWindow> windows,
                                                 Instant at) throws SQLException {
        List<String> devices = new ArrayList<>();
        List<Long> lo = new ArrayList<>();
        List<Long> hi = new ArrayList<>();
        for (String[] n : named) {
            devices.add(n[0]);
            lo.add(Long.parseLong(n[1]));
            hi.add(Long.parseLong(n[1]));
        }
        if (!windows.isEmpty()) {
            List<String> wd = new ArrayList<>();
            List<Timestamp> wf = new ArrayList<>();
            List<Timestamp> wt = new ArrayList<>();
            for (DeviceWindow w : windows) {
                wd.add(w.device());
                wf.add(Timestamp.from(w.from()));
                wt.add(Timestamp.from(w.to()));
            }
            try (PreparedStatement st = c.prepareStatement("SELECT w.dev, min(v.seq), max(v.seq) "
                    + "FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS w(dev, f, t, i) "
                    + "JOIN reading r ON r.device_id = w.dev AND r.time >= w.f AND r.time < w.t AND r.temperature_c IS NOT NULL "
                    + "JOIN envelope v ON v.id = r.envelope_id GROUP BY w.i, w.dev")) {
                st.setArray(1, c.createArrayOf("text", wd.toArray()));
                st.setArray(2, c.createArrayOf("timestamptz", wf.toArray()));
                st.setArray(3, c.createArrayOf("timestamptz", wt.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        devices.add(rs.getString(1));
                        lo.add(rs.getLong(2));
                        hi.add(rs.getLong(3));
                    }
                }
            }
        }
        List<StoredEnvelope> out = new ArrayList<>();
        if (devices.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT e.id, e.device_id, e.seq, e.kid, e.jws, e.chunk_id, "
                + "e.leaf_index FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS x(dev, lo, hi) "
                + "JOIN envelope e ON e.device_id = x.dev AND e.seq BETWEEN x.lo AND x.hi "
                + "WHERE e.received_at <= ? AND (x.lo = x.hi OR e.kind = 'readings') ORDER BY e.device_id, e.seq LIMIT "
                + MAX_ENVELOPES)) {
            st.setArray(1, c.createArrayOf("text", devices.toArray()));
            st.setArray(2, c.createArrayOf("bigint", lo.toArray()));
            st.setArray(3, c.createArrayOf("bigint", hi.toArray()));
            st.setTimestamp(4, Timestamp.from(at));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEnvelope(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
                            rs.getLong(6), rs.getInt(7)));
                }
            }
        }
        return out;
    }

    public static Map<Long, StoredChunk> chunks(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, StoredChunk> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, hash_alg, size, root, leaf_hashes, log_index FROM chunk "
                + "WHERE id = ANY(?) ORDER BY id")) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // wasNull speaks of the column read last: ask it before reading the others
                    long log = rs.getLong(6);
                    Long logIndex = rs.wasNull() ? null : log;
                    out.put(rs.getLong(1), new StoredChunk(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBytes(4),
                            rs.getBytes(5), logIndex));
                }
            }
        }
        return out;
    }

    public static List<DeviceKeyRow> keys(Connection c, Collection<String> kids) throws SQLException {
        List<DeviceKeyRow> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT kid, device_id, alg, public_key_pem FROM device_key "
                + "WHERE kid = ANY(?) ORDER BY kid")) {
            st.setArray(1, c.createArrayOf("text", kids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceKeyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The devices named, and every device placed at one of {@code locations}. */
    public static List<DeviceFacts> devices(Connection c, Collection<String> ids, Collection<String> locations)
            throws SQLException {
        List<DeviceFacts> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT d.id, d.org_id, o.name, d.location FROM device d "
                + "JOIN organisation o ON o.id = d.org_id WHERE d.id = ANY(?) OR d.location = ANY(?) ORDER BY d.id")) {
            st.setArray(1, c.createArrayOf("text", ids.toArray()));
            st.setArray(2, c.createArrayOf("text", locations.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /**
     * The newest published checkpoint with its ledger and receipt, or the one of exactly {@code treeSize}
     * when given; its note carries the witnesses' cosignature lines. A checkpoint held for its witnesses'
     * quorum is not shown (its envelopes are pending), as for proof bundles.
     */
    public static Optional<CoveringCheckpoint> checkpoint(Connection c, Long treeSize) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tree_size, " + CheckpointRows.PUBLISHED_NOTE
                + ", ledger, receipt FROM checkpoint "
                + "WHERE NOT held AND (?::bigint IS NULL OR tree_size = ?) ORDER BY tree_size DESC LIMIT 1")) {
            for (int i = 1; i <= 2; i++) {
                if (treeSize == null) {
                    st.setNull(i, java.sql.Types.BIGINT);
                } else {
                    st.setLong(i, treeSize);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new CoveringCheckpoint(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }
}
