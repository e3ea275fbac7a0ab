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
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.prooftrail.store.registry.RegistryConflict;

/**
 * The one writer of {@code console_account}. Usernames are lower-cased on the way in and in every lookup,
 * so "Alice" signs in as "alice".
 *
 * <p>Conflict rule, as in the registry: a username names one account for good. {@link #create} is the
 * admin's registration (a taken username is a {@link RegistryConflict}, 409); {@link #ensure} is for set-ups
 * that are re-run (the demo): an existing account is kept as it is, password included.
 */
public final class Accounts {
    /** The usernames the table accepts, after lower-casing: 3 to 64 characters, an e-mail address fits. */
    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{2,63}$");

    static final String COLUMNS = "username, display_name, role, organisation_id, password_hash, failed_attempts, "
            + "locked_until, disabled, created_at, last_sign_in";
    private static final String INSERT = "INSERT INTO console_account "
            + "(username, display_name, role, organisation_id, password_hash) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (username) DO NOTHING";

    private final DataSource db;

    public Accounts(DataSource db) {
        this.db = db;
    }

    /** {@code username} as it is stored and looked up. */
    public static String normalise(String username) {
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }

    /**
     * Registers a new account; refuses a username that is taken. {@code org} must be a registered
     * organisation for role "company" and null otherwise (the table checks both).
     */
    public Account create(String username, String displayName, String role, String org, String passwordHash)
            throws SQLException {
        String name = normalise(username);
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(INSERT + " RETURNING " + COLUMNS)) {
            bind(st, name, displayName, role, org, passwordHash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new RegistryConflict("username", "account '" + name + "' is already registered");
                }
                return account(rs, 0);
            }
        }
    }

    /** Registers the account unless the username is taken; true when it was registered now. */
    public boolean ensure(String username, String displayName, String role, String org, String passwordHash)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(INSERT)) {
            bind(st, normalise(username), displayName, role, org, passwordHash);
            return st.executeUpdate() == 1;
        }
    }

    public Optional<Account> find(String username) throws SQLException {
        List<Account> found = query("SELECT " + COLUMNS + " FROM console_account WHERE username = ?",
                normalise(username));
        return found.stream().findFirst();
    }

    /** Every account, by username. */
    public List<Account> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM console_account ORDER BY username");
    }

    /** The accounts of one organisation, by username. */
    public List<Account> ofOrganisation(String org) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM console_account WHERE organisation_id = ? ORDER BY username", org);
    }

    /**
     * Counts a wrong password, in one statement so that concurrent attempts cannot both read the same count:
     * the count goes up by one, and when it reaches {@code maxFailures} the account is locked until
     * {@code now + lockFor} and the count starts again from zero (the next lock-out needs as many failures
     * again). The caller refuses a locked account before checking its password, so failures while locked
     * are not counted here.
     *
     * @return the account as updated (locked when {@code lockedAt(now)}), or null when there is no such account
     */
    public Account recordFailure(String username, int maxFailures, Duration lockFor, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE console_account SET "
                     + "failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END, "
                     + "locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END "
                     + "WHERE username = ? RETURNING " + COLUMNS)) {
            st.setInt(1, maxFailures);
            st.setInt(2, maxFailures);
            st.setTimestamp(3, Timestamp.from(now.plus(lockFor)));
            st.setString(4, normalise(username));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? account(rs, 0) : null;
            }
        }
    }

    /** A successful sign-in: the failures so far are forgiven. */
    public void recordSuccess(String username, Instant now) throws SQLException {
        update("UPDATE console_account SET failed_attempts = 0, last_sign_in = ? WHERE username = ?",
                Timestamp.from(now), normalise(username));
    }

    /** A new password hash; a lock-out and the failures counted so far end with it. */
    public void setPassword(String username, String passwordHash) throws SQLException {
        update("UPDATE console_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL "
                + "WHERE username = ?", passwordHash, normalise(username));
    }

    /** Disables or re-enables the account; its sessions are ended by the caller ({@link ConsoleSessions#deleteOf}). */
    public void setDisabled(String username, boolean disabled) throws SQLException {
        update("UPDATE console_account SET disabled = ? WHERE username = ?", disabled, normalise(username));
    }

    /** Ends a lock-out before it runs out. */
    public void unlock(String username) throws SQLException {
        update("UPDATE console_account SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
                normalise(username));
    }

    private static void bind(PreparedStatement st, String username, String displayName, String role, String org,
                             String passwordHash) throws SQLException {
        st.setString(1, username);
        st.setString(2, displayName);
        st.setString(3, role);
        st.setString(4, org);
        st.setString(5, passwordHash);
    }

    private List<Account> query(String sql, Object... args) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs, 0));
                }
            }
        }
        return out;
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }

    /** The account in {@link #COLUMNS}' order, starting after column {@code offset}. */
    static Account account(ResultSet rs, int offset) throws SQLException {
        return new Account(rs.getString(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
                rs.getString(offset + 4), rs.getString(offset + 5), rs.getInt(offset + 6),
                instant(rs.getTimestamp(offset + 7)), rs.getBoolean(offset + 8), instant(rs.getTimestamp(offset + 9)),
                instant(rs.getTimestamp(offset + 10)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
