package org.prooftrail.store.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.store.registry.RegistryConflict;

/** The one writer of {@code console_account} (provisional). */
public final class Accounts {
    static final String COLUMNS = "a.username, a.display_name, a.role, a.organisation_id, a.password_hash, a.failed_attempts, "
            + "a.locked_until, a.disabled, a.created_at, a.last_sign_in";
    private final DataSource db;

    public Accounts(DataSource db) {
        this.db = db;
    }

    public Account create(String username, String displayName, String role, String org, String passwordHash) throws SQLException {
        String name = username.toLowerCase(Locale.ROOT);
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO console_account (username, display_name, role, organisation_id, password_hash) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
            st.setString(1, name);
            st.setString(2, displayName);
            st.setString(3, role);
            st.setString(4, org);
            st.setString(5, passwordHash);
            if (st.executeUpdate() == 0) {
                throw new RegistryConflict("username", "account '" + name + "' exists");
            }
        }
        return find(name).orElseThrow();
    }

    public Optional<Account> find(String username) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM console_account a WHERE a.username = ?")) {
            st.setString(1, username.toLowerCase(Locale.ROOT));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, 1)) : Optional.empty();
            }
        }
    }

    public List<Account> all() throws SQLException {
        List<Account> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM console_account a ORDER BY a.username"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs, 1));
            }
        }
        return out;
    }

    public Account recordFailure(String username, int maxFailures, Duration lockFor, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE console_account a SET failed_attempts = CASE WHEN a.failed_attempts + 1 >= ? THEN 0 ELSE a.failed_attempts + 1 END, "
                        + "locked_until = CASE WHEN a.failed_attempts + 1 >= ? THEN ? ELSE a.locked_until END "
                        + "WHERE a.username = ? RETURNING " + COLUMNS)) {
            st.setInt(1, maxFailures);
            st.setInt(2, maxFailures);
            st.setTimestamp(3, Timestamp.from(now.plus(lockFor)));
            st.setString(4, username.toLowerCase(Locale.ROOT));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? read(rs, 1) : null;
            }
        }
    }

    public void recordSuccess(String username, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE console_account SET failed_attempts = 0, last_sign_in = ? WHERE username = ?")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setString(2, username.toLowerCase(Locale.ROOT));
            st.executeUpdate();
        }
    }

    static Account read(ResultSet rs, int i) throws SQLException {
        Timestamp locked = rs.getTimestamp(i + 6);
        Timestamp last = rs.getTimestamp(i + 9);
        return new Account(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3), rs.getString(i + 4),
                rs.getInt(i + 5), locked == null ? null : locked.toInstant(), rs.getBoolean(i + 7),
                rs.getTimestamp(i + 8).toInstant(), last == null ? null : last.toInstant());
    }
}
