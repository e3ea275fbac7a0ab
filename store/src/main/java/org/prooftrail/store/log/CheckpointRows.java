package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint journal: signed checkpoints chained by the hash of their predecessor's note, and
 * each one's ledger receipt once published. The only writer of the {@code checkpoint} table.
 *
 * <p>A checkpoint that awaits its witnesses' quorum is <em>held</em>: it is part of the chain
 * ({@link #newest}, {@link #latest(Connection, int)}, {@link #noteBefore} see it) but not published:
 * {@link #latest(Connection)}, {@link #covering} and {@link #unpublished} skip it. Where a published
 * checkpoint is shown, its note carries the witnesses' cosignature lines.
 */
public final class CheckpointRows {
    private CheckpointRows() {
    }

    /** The note as published: the log's signed note with the witnesses' cosignature lines appended. */
    static final String PUBLISHED_NOTE = "note || coalesce(cosignatures, '')";

    /** The newest published checkpoint (its note with cosignatures), or null when there is none. */
    public static StoredCheckpoint latest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, tree_size, root, " + PUBLISHED_NOTE
                + ", prev_hash FROM checkpoint WHERE NOT held ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? row(rs) : null;
        }
    }

    /** The newest checkpoint, held or not, with the note as the log signed it: what the next one chains to. */
    public static StoredCheckpoint newest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, tree_size, root, note, prev_hash FROM checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? row(rs) : null;
        }
    }

    /** The newest held checkpoint when it is newer than every published one (older held ones are superseded), or null. */
    public static StoredCheckpoint awaitingWitnesses(Connection c) throws SQLException {
        StoredCheckpoint newest = newest(c);
        if (newest == null) {
            return null;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT held FROM checkpoint WHERE id = ?")) {
            st.setLong(1, newest.id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1) ? newest : null;
            }
        }
    }

    /** Publishes a held checkpoint with the cosignature lines its witnesses returned. */
    public static void cosigned(Connection c, long checkpointId, String cosignatureLines) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE checkpoint SET held = false, cosignatures = ? WHERE id = ?")) {
            st.setString(1, cosignatureLines);
            st.setLong(2, checkpointId);
            st.executeUpdate();
        }
    }

    /** The last {@code count} checkpoints, oldest first. */
    public static List<StoredCheckpoint> latest(Connection c, int count) throws SQLException {
        List<StoredCheckpoint> list = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, tree_size, root, note, prev_hash FROM checkpoint "
                + "ORDER BY tree_size DESC LIMIT ?")) {
            st.setInt(1, count);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    list.add(0, row(rs));
                }
            }
        }
        return list;
    }

    /** @return the new checkpoint's id */
    public static long insert(Connection c, String origin, long size, byte[] root, String note, byte[] prevHash,
                              String ledger) throws SQLException {
        return insert(c, origin, size, root, note, prevHash, ledger, false);
    }

    /** @param held true when the checkpoint must wait for its witnesses' quorum before it is published */
    public static long insert(Connection c, String origin, long size, byte[] root, String note, byte[] prevHash,
                              String ledger, boolean held) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checkpoint (origin, tree_size, root, note, prev_hash, ledger, held) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            st.setBoolean(7, held);
            st.setString(1, origin);
            st.setLong(2, size);
            st.setBytes(3, root);
            st.setString(4, note);
            st.setBytes(5, prevHash);
            st.setString(6, ledger);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Published checkpoints (notes with cosignatures) whose ledger receipt is still missing (the ledger was down), oldest first. */
    public static List<StoredCheckpoint> unpublished(Connection c, int limit) throws SQLException {
        List<StoredCheckpoint> list = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, tree_size, root, " + PUBLISHED_NOTE + ", prev_hash FROM checkpoint "
                + "WHERE receipt IS NULL AND NOT held ORDER BY tree_size LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    list.add(row(rs));
                }
            }
        }
        return list;
    }

    public static void storeReceipt(Connection c, long checkpointId, String receiptJson) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE checkpoint SET receipt = ?::jsonb WHERE id = ?")) {
            st.setString(1, receiptJson);
            st.setLong(2, checkpointId);
            st.executeUpdate();
        }
    }

    /**
     * The first published checkpoint whose tree holds log index {@code logIndex}: the one a proof of that
     * leaf is anchored in (its note with cosignatures). Empty while only held checkpoints cover it: pending.
     */
    public static Optional<CoveringCheckpoint> covering(Connection c, long logIndex) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tree_size, " + PUBLISHED_NOTE + ", ledger, receipt FROM checkpoint "
                + "WHERE tree_size > ? AND NOT held ORDER BY tree_size LIMIT 1")) {
            st.setLong(1, logIndex);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CoveringCheckpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
    }

    /** The note of the newest checkpoint smaller than {@code treeSize}, or null. */
    public static String noteBefore(Connection c, long treeSize) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT note FROM checkpoint WHERE tree_size < ? ORDER BY tree_size DESC LIMIT 1")) {
            st.setLong(1, treeSize);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A checkpoint's head and when the log signed it. */
    public record Signed(long treeSize, byte[] root, java.time.Instant signedAt) {
    }

    /** A published checkpoint a witness cosigned: its note as the log signed it and the witnesses' lines. */
    public record Cosigned(long treeSize, java.time.Instant signedAt, String note, String cosignatures) {
    }

    /** The newest published checkpoint's head and signing time, or empty. */
    public static Optional<Signed> latestSigned(Connection c) throws SQLException {
        return signed(c, "SELECT tree_size, root, signed_at FROM checkpoint WHERE NOT held ORDER BY tree_size DESC LIMIT 1");
    }

    /** The newest checkpoint when it is held for its witnesses (newer than every published one), or empty. */
    public static Optional<Signed> heldSigned(Connection c) throws SQLException {
        return signed(c, "SELECT tree_size, root, signed_at FROM (SELECT tree_size, root, signed_at, held FROM checkpoint "
                + "ORDER BY tree_size DESC LIMIT 1) t WHERE held");
    }

    private static Optional<Signed> signed(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new Signed(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant())) : Optional.empty();
        }
    }

    /**
     * The newest of the last {@code within} checkpoints whose cosignature lines hold one by the key name
     * {@code witness} (the caller checks the line itself), or empty. Bounded so that a witness that never
     * cosigned costs a scan of {@code within} rows, not of the whole journal.
     */
    public static Optional<Cosigned> lastCosignedBy(Connection c, String witness, int within) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tree_size, signed_at, note, cosignatures FROM "
                + "(SELECT tree_size, signed_at, note, cosignatures FROM checkpoint ORDER BY tree_size DESC LIMIT ?) t "
                + "WHERE position(? in coalesce(cosignatures, '')) > 0 ORDER BY tree_size DESC LIMIT 1")) {
            st.setInt(1, within);
            st.setString(2, "\u2014 " + witness + " ");
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Cosigned(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    private static StoredCheckpoint row(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5));
    }
}
