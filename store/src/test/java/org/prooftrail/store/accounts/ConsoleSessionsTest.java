package org.prooftrail.store.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.registry.Organisations;

/** Sessions are found with their account while valid, and not after expiry, disabling or deletion. */
class ConsoleSessionsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(8));
    private static Database db;
    private static Accounts accounts;
    private static ConsoleSessions sessions;

    @BeforeAll
    static void start() throws SQLException {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        accounts = new Accounts(db.dataSource());
        sessions = new ConsoleSessions(db.dataSource());
        new Organisations(db.dataSource()).ensure("acme", "Acme");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aSessionIsFoundWithItsAccountUntilItExpires() throws Exception {
        Account account = accounts.create("quality", "Quality manager", "company", "acme", "h");
        byte[] id = idHash("cookie-1");
        sessions.create(id, "Quality", "csrf-1", EXPIRES);

        ConsoleSession found = sessions.find(id, NOW).orElseThrow();
        assertEquals(new ConsoleSession("quality", "csrf-1", EXPIRES, account), found);
        assertEquals("acme", found.account().org());
        assertFalse(sessions.find(idHash("cookie-2"), NOW).isPresent());
        assertTrue(sessions.find(id, EXPIRES.minusMillis(1)).isPresent());
        assertFalse(sessions.find(id, EXPIRES).isPresent());

        sessions.delete(id);
        assertFalse(sessions.find(id, NOW).isPresent());
    }

    @Test
    void aDisabledAccountsSessionsAreNotFoundAndDeleteOfEndsThem() throws Exception {
        accounts.create("inspector", "Inspector", "regulator", null, "h");
        byte[] a = idHash("inspector-a");
        byte[] b = idHash("inspector-b");
        sessions.create(a, "inspector", "x", EXPIRES);
        sessions.create(b, "inspector", "y", EXPIRES);

        accounts.setDisabled("inspector", true);
        assertFalse(sessions.find(a, NOW).isPresent());
        accounts.setDisabled("inspector", false);
        assertTrue(sessions.find(a, NOW).isPresent());

        // a locked account stays signed in where it is: the lock-out stops guessing only
        for (int i = 0; i < 5; i++) {
            accounts.recordFailure("inspector", 5, Duration.ofMinutes(15), NOW);
        }
        assertTrue(sessions.find(b, NOW).isPresent());

        assertEquals(2, sessions.deleteOf("Inspector"));
        assertFalse(sessions.find(a, NOW).isPresent());
        assertFalse(sessions.find(b, NOW).isPresent());
        assertEquals(0, sessions.deleteOf("inspector"));
    }

    @Test
    void deleteExpiredClearsOnlyWhatHasRunOut() throws Exception {
        accounts.create("cleaner", "Cleaner", "admin", null, "h");
        byte[] old = idHash("old");
        byte[] fresh = idHash("fresh");
        sessions.create(old, "cleaner", "x", NOW.minusSeconds(1));
        sessions.create(fresh, "cleaner", "y", EXPIRES);
        assertEquals(1, sessions.deleteExpired(NOW));
        assertTrue(sessions.find(fresh, NOW).isPresent());
        assertEquals(0, sessions.deleteExpired(NOW));
    }

    @Test
    void deletingAnAccountDeletesItsSessions() throws Exception {
        accounts.create("leaver", "Leaver", "admin", null, "h");
        byte[] id = idHash("leaver");
        sessions.create(id, "leaver", "x", EXPIRES);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM console_account WHERE username = 'leaver'");
            try (var rs = st.executeQuery("SELECT count(*) FROM console_session WHERE username = 'leaver'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
        assertFalse(sessions.find(id, NOW).isPresent());
    }

    @Test
    void onlyTheHashIsKeptNeverTheCookieValue() throws Exception {
        accounts.create("hashed", "Hashed", "admin", null, "h");
        sessions.create(idHash("the-cookie-value"), "hashed", "x", EXPIRES);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT id_hash FROM console_session WHERE username = 'hashed'")) {
            rs.next();
            assertTrue(Arrays.equals(idHash("the-cookie-value"), rs.getBytes(1)));
        }
        // the table holds SHA-256 digests only
        assertThrowsSql(() -> sessions.create("the-cookie-value".getBytes(), "hashed", "x", EXPIRES));
    }

    private static void assertThrowsSql(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, e);
    }

    private static byte[] idHash(String cookie) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
