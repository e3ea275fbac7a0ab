package org.prooftrail.store.accounts;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Console accounts of people who sign in through an external OpenID Connect provider, and the sign-ins
 * sent to that provider and not back yet. An external account is the row of {@code console_account}
 * with the provider's issuer and the person's subject there; it is created at the first sign-in and its
 * role, organisation and display name follow the provider's claims at every later one. Its password
 * hash is {@link #NO_PASSWORD}, which no password matches.
 */
public final class ExternalAccounts {
    /** Not an Argon2id PHC string: a password check against it is always false (the schema insists). */
    public static final String NO_PASSWORD = "!external";
    private static final int MAX_USERNAME = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource db;

    public ExternalAccounts(DataSource db) {
        this.db = db;
    }

    /** A sign-in on its way through the provider: what the callback needs to finish it. */
    public record PendingLogin(String nonce, String codeVerifier, String redirectUri, String next) {
    }

    /**
     * The account behind an external sign-in.
     *
     * @param created true when this sign-in made it
     */
    public record ExternalAccount(String username, boolean disabled, boolean created) {
    }

    /** Keeps a sign-in until its callback; sign-ins abandoned earlier are removed on the way. */
    public void begin(byte[] stateHash, PendingLogin login, Instant expiresAt, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM console_oidc_login WHERE expires_at <= ?")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO console_oidc_login "
                    + "(state_hash, nonce, code_verifier, redirect_uri, next_path, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setBytes(1, stateHash);
                st.setString(2, login.nonce());
                st.setString(3, login.codeVerifier());
                st.setString(4, login.redirectUri());
                st.setString(5, login.next());
                st.setTimestamp(6, Timestamp.from(expiresAt));
                st.executeUpdate();
            }
        }
    }

    /** The pending sign-in with this state, removed so that it finishes at most once; empty when unknown or expired. */
    public Optional<PendingLogin> take(byte[] stateHash, Instant now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM console_oidc_login WHERE state_hash = ? "
                        + "RETURNING nonce, code_verifier, redirect_uri, next_path, expires_at")) {
            st.setBytes(1, stateHash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || !rs.getTimestamp(5).toInstant().isAfter(now)) {
                    return Optional.empty();
                }
                return Optional.of(new PendingLogin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
    }

    /**
     * Finds the account of {@code issuer} and {@code subject} and brings its display name, role and
     * organisation up to date, or creates it with a username made from {@code preferredName} (a number
     * appended when that is taken). A disabled account is returned unchanged.
     *
     * @param org the organisation (registered; required for a company, null otherwise)
     */
    public ExternalAccount signIn(String issuer, String subject, String preferredName, String displayName, String role,
                                  String org) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                ExternalAccount a = refresh(c, issuer, subject, displayName, role, org);
                if (a == null) {
                    a = create(c, issuer, subject, preferredName, displayName, role, org);
                }
                c.commit();
                return a;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static ExternalAccount refresh(Connection c, String issuer, String subject, String displayName, String role,
                                           String org) throws SQLException {
        String username;
        try (PreparedStatement st = c.prepareStatement("SELECT username, disabled FROM console_account "
                + "WHERE external_issuer = ? AND external_subject = ? FOR UPDATE")) {
            st.setString(1, issuer);
            st.setString(2, subject);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                username = rs.getString(1);
                if (rs.getBoolean(2)) {
                    return new ExternalAccount(username, true, false);
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE console_account SET display_name = ?, role = ?, organisation_id = ? WHERE username = ?")) {
            st.setString(1, displayName);
            st.setString(2, role);
            st.setString(3, org);
            st.setString(4, username);
            st.executeUpdate();
        }
        return new ExternalAccount(username, false, false);
    }

    private static ExternalAccount create(Connection c, String issuer, String subject, String preferredName,
                                          String displayName, String role, String org) throws SQLException {
        String base = usernameFrom(preferredName);
        for (int attempt = 1; attempt <= 30; attempt++) {
            String candidate = attempt == 1 ? base : suffixed(base, attempt <= 20 ? Integer.toString(attempt)
                    : Integer.toString(100_000 + RANDOM.nextInt(900_000)));
            try (PreparedStatement st = c.prepareStatement("INSERT INTO console_account (username, display_name, role, "
                    + "organisation_id, password_hash, external_issuer, external_subject) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                st.setString(1, candidate);
                st.setString(2, displayName);
                st.setString(3, role);
                st.setString(4, org);
                st.setString(5, NO_PASSWORD);
                st.setString(6, issuer);
                st.setString(7, subject);
                if (st.executeUpdate() == 1) {
                    return new ExternalAccount(candidate, false, true);
                }
            }
            // the name is taken, or a parallel first sign-in of the same person made the account just now
            ExternalAccount raced = refresh(c, issuer, subject, displayName, role, org);
            if (raced != null) {
                return raced;
            }
        }
        throw new SQLException("no free console username for '" + base + "' after 30 attempts");
    }

    /**
     * A console username (lower case, 3 to 64 of {@code a-z 0-9 . _ @ -}, starting with a letter or digit)
     * as close to the provider's preferred name as that allows.
     */
    static String usernameFrom(String preferred) {
        String s = preferred == null ? "" : preferred.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]", "-");
        s = s.replaceFirst("^[^a-z0-9]+", "");
        if (s.length() > MAX_USERNAME - 8) {
            s = s.substring(0, MAX_USERNAME - 8);
        }
        if (s.isEmpty()) {
            return "oidc-user";
        }
        return s.length() < 3 ? "oidc-" + s : s;
    }

    private static String suffixed(String base, String n) {
        return base + "-" + n;
    }
}
