package org.prooftrail.store.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The one writer of {@code console_session} (provisional). */
public final class ConsoleSessions {
    private final DataSource db;

    public ConsoleSessions(DataSource db) {
        this.db = db;
    }

    public void create(byte[] idHash, String username, String csrfToken, Instant expiresAt) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO console_session (id_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)")) {
            st.setBytes(1, idHash);
            st.setString(2, username);
            st.setString(3, csrfToken);
            st.setTimestamp(4, Timestamp.from(expiresAt));
            st.executeUpdate();
        }
    }

    public Optional<ConsoleSession> find(byte[] idHash, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT s.username, s.csrf_token, s.expires_at, " + Accounts.COLUMNS + " FROM console_session s "
                        + "JOIN console_account a ON a.username = s.username "
                        + "WHERE s.id_hash = ? AND s.expires_at > ? AND NOT a.disabled")) {
            st.setBytes(1, idHash);
            st.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new ConsoleSession(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), Accounts.read(rs, 4))) : Optional.empty();
            }
        }
    }

    public void delete(byte[] idHash) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM console_session WHERE id_hash = ?")) {
            st.setBytes(1, idHash);
            st.executeUpdate();
        }
    }

    public int deleteExpired(Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM console_session WHERE expires_at <= ?")) {
            st.setTimestamp(1, Timestamp.from(now));
            return st.executeUpdate();
        }
    }
}
