package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** What a proof bundle is built from: one envelope with its device key and its chunk's stored leaf hashes. */
public final class ProofReads {
    /**
     * An envelope whose chunk is in the log: the raw JWS, its key, and the chunk (size, root, packed
     * leaf hashes, log index, hash), and its row id (for what is stored with it, such as disclosures).
     */
    public record LoggedEnvelope(byte[] jws, String kid, String alg, String publicKeyPem, long chunkId, int leafIndex,
                                 int chunkSize, byte[] chunkRoot, byte[] leafHashes, long logIndex, String hashAlg, long id) {
    }

    /** Names one envelope. */
    public record EnvelopeKey(String deviceId, long seq) {
    }

    /**
     * Who may read one envelope: its kind ({@code readings} or {@code event}), its device's organisation,
     * whether that device's readings are public by its owner's policy, and whether the envelope carries
     * a record published by design: a commitment-compliance certificate's issuing event, whose content
     * its public page shows.
     */
    public record EnvelopeAccess(String kind, String orgId, boolean readingsPublic, boolean publishedRecord) {
    }

    private ProofReads() {
    }

    /** Empty when there is no such envelope. */
    public static Optional<EnvelopeAccess> access(Connection c, String device, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT e.kind, d.org_id, d.readings_public, EXISTS (SELECT 1 "
                + "FROM epcis_event ev JOIN produce_certificate pc ON pc.event_id = ev.event_id WHERE ev.envelope_id = e.id) "
                + "FROM envelope e JOIN device d ON d.id = e.device_id WHERE e.device_id = ? AND e.seq = ?")) {
            st.setString(1, device);
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new EnvelopeAccess(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4))) : Optional.empty();
            }
        }
    }

    /** Empty when the envelope is unknown or its chunk is not yet in the log. */
    public static Optional<LoggedEnvelope> loggedEnvelope(Connection c, String device, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT e.jws, e.kid, e.alg, k.public_key_pem, e.chunk_id, e.leaf_index, "
                + "ch.size, ch.root, ch.leaf_hashes, ch.log_index, ch.hash_alg, e.id FROM envelope e JOIN chunk ch ON ch.id = e.chunk_id "
                + "JOIN device_key k ON k.kid = e.kid WHERE e.device_id = ? AND e.seq = ?")) {
            st.setString(1, device);
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getObject(10) == null) {
                    return Optional.empty();
                }
                return Optional.of(new LoggedEnvelope(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getBytes(8), rs.getBytes(9), rs.getLong(10), rs.getString(11), rs.getLong(12)));
            }
        }
    }

    /**
     * The newest reading envelope that a checkpoint covers, of a device whose readings are public, if any:
     * what the demo shows a proof of (anyone may fetch its bundle, see {@link #access}).
     */
    public static Optional<EnvelopeKey> newestAnchored(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT e.device_id, e.seq FROM envelope e JOIN chunk ch ON ch.id = e.chunk_id "
                     + "JOIN device d ON d.id = e.device_id "
                     + "WHERE ch.log_index < (SELECT coalesce(max(tree_size), 0) FROM checkpoint) "
                     + "AND e.kind = 'readings' AND d.readings_public ORDER BY e.id DESC LIMIT 1")) {
            return rs.next() ? Optional.of(new EnvelopeKey(rs.getString(1), rs.getLong(2))) : Optional.empty();
        }
    }
}
