package org.prooftrail.store.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code console_session}. A session is known by the SHA-256 of its cookie value
 * ({@code idHash}, 32 bytes); the value itself is never stored, so reading this table does not let anyone
 * sign in.
 */
public final class ConsoleSessions {
    private static final String FIND = "SELECT s.csrf_token, s.expires_at, "
            + Accounts.COLUMNS.replaceAll("(^|, )", "$1a.")
            + " FROM console_session s JOIN console_account a ON a.username = s.username "
            + "WHERE s.id_hash = ? AND s.expires_at > ? AND NOT a.disabled";

    private final DataSource db;

    public ConsoleSessions(DataSource db) {
        this.db = db;
    }

    public void create(byte[] idHash, String username, String csrfToken, Instant expiresAt) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO console_session (id_hash, username, csrf_token, expires_at) VALUES (?, ?, ?, ?)")) {
            st.setBytes(1, idHash);
            st.setString(2, Accounts.normalise(username));
            st.setString(3, csrfToken);
            st.setTimestamp(4, Timestamp.from(expiresAt));
            st.executeUpdate();
        }
    }

    /**
     * The session with its account, in one statement (every console request asks); empty when there is no
     * such session, it has expired at {@code now}, or its account is disabled. A locked account's sessions
     * stay valid: a lock-out stops guessing, not the person who is signed in.
     */
    public Optional<ConsoleSession> find(byte[] idHash, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(FIND)) {
            st.setBytes(1, idHash);
            st.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account account = Accounts.account(rs, 2);
                return Optional.of(new ConsoleSession(account.username(), rs.getString(1),
                        rs.getTimestamp(2).toInstant(), account));
            }
        }
    }

    /** Signs out: ends one session. */
    public void delete(byte[] idHash) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM console_session WHERE id_hash = ?")) {
            st.setBytes(1, idHash);
            st.executeUpdate();
        }
    }

    /** Ends every session of an account (disabled, or its password changed); how many there were. */
    public int deleteOf(String username) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM console_session WHERE username = ?")) {
            st.setString(1, Accounts.normalise(username));
            return st.executeUpdate();
        }
    }

    /** Clears sessions that have run out at {@code now}; how many. {@link #find} ignores them meanwhile. */
    public int deleteExpired(Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("DELETE FROM console_session WHERE expires_at <= ?")) {
            st.setTimestamp(1, Timestamp.from(now));
            return st.executeUpdate();
        }
    }
}
