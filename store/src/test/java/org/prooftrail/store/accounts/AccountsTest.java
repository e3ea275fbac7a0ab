package org.prooftrail.store.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.RegistryConflict;

/** Accounts against the real schema: a username names one account, and wrong passwords lock it out. */
class AccountsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LOCK = Duration.ofMinutes(15);
    private static Database db;
    private static Accounts accounts;

    @BeforeAll
    static void start() throws SQLException {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        accounts = new Accounts(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("acme", "Acme");
        orgs.ensure("farm", "Farm");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void createStoresTheUsernameLowerCaseAndASecondCreateIsAConflict() throws Exception {
        Account made = accounts.create("Alice@Acme.example", "Alice", "company", "acme", "$argon2id$hash-a");
        assertEquals("alice@acme.example", made.username());
        assertEquals(new Account("alice@acme.example", "Alice", "company", "acme", "$argon2id$hash-a", 0, null,
                false, made.createdAt(), null), made);
        assertEquals(made, accounts.find("ALICE@acme.example").orElseThrow());

        RegistryConflict e = assertThrows(RegistryConflict.class,
                () -> accounts.create("alice@acme.example", "Other", "regulator", null, "$argon2id$hash-b"));
        assertEquals("username", e.field());
        assertEquals("account 'alice@acme.example' is already registered", e.getMessage());
        assertEquals(made, accounts.find("alice@acme.example").orElseThrow());
        assertTrue(accounts.find("nobody").isEmpty());
    }

    @Test
    void ensureCreatesOnceAndKeepsWhatIsThere() throws Exception {
        assertTrue(accounts.ensure("demo-admin", "Demo admin", "admin", null, "$argon2id$first"));
        assertFalse(accounts.ensure("Demo-Admin", "Renamed", "admin", null, "$argon2id$second"));
        Account kept = accounts.find("demo-admin").orElseThrow();
        assertEquals("Demo admin", kept.displayName());
        assertEquals("$argon2id$first", kept.passwordHash());
    }

    @Test
    void theTableRefusesBadUsernamesAndRolesWithoutTheRightOrganisation() {
        // a company account needs its organisation, the others must have none, and the organisation must exist
        assertThrows(SQLException.class, () -> accounts.create("orgless", "X", "company", null, "h"));
        assertThrows(SQLException.class, () -> accounts.create("regulator-with-org", "X", "regulator", "acme", "h"));
        assertThrows(SQLException.class, () -> accounts.create("ghost-company", "X", "company", "no-such-org", "h"));
        assertThrows(SQLException.class, () -> accounts.create("superuser", "X", "root", null, "h"));
        assertThrows(SQLException.class, () -> accounts.create("ab", "X", "admin", null, "h"));
        assertThrows(SQLException.class, () -> accounts.create("-dash-first", "X", "admin", null, "h"));
        assertThrows(SQLException.class, () -> accounts.create("has space", "X", "admin", null, "h"));
        assertFalse(Accounts.USERNAME.matcher("has space").matches());
        assertTrue(Accounts.USERNAME.matcher("zhang.wei@farm.cn").matches());
    }

    @Test
    void allIsByUsernameAndOfOrganisationOnlyItsOwn() throws Exception {
        accounts.create("zz-b", "B", "company", "farm", "h");
        accounts.create("zz-a", "A", "company", "farm", "h");
        accounts.create("zz-c", "C", "regulator", null, "h");
        List<String> all = accounts.all().stream().map(Account::username).filter(u -> u.startsWith("zz-")).toList();
        assertEquals(List.of("zz-a", "zz-b", "zz-c"), all);
        assertEquals(List.of("zz-a", "zz-b"), accounts.ofOrganisation("farm").stream().map(Account::username).toList());
    }

    @Test
    void theFifthFailureLocksForTheGivenTimeAndTheCountStartsAgain() throws Exception {
        accounts.create("locky", "Locky", "regulator", null, "h");
        for (int i = 1; i <= 4; i++) {
            Account after = accounts.recordFailure("Locky", 5, LOCK, NOW);
            assertEquals(i, after.failedAttempts());
            assertNull(after.lockedUntil());
            assertFalse(after.lockedAt(NOW));
        }
        Account locked = accounts.recordFailure("locky", 5, LOCK, NOW);
        assertEquals(NOW.plus(LOCK), locked.lockedUntil());
        assertEquals(0, locked.failedAttempts());
        assertTrue(locked.lockedAt(NOW));
        assertTrue(locked.lockedAt(NOW.plus(LOCK).minusMillis(1)));
        assertFalse(locked.lockedAt(NOW.plus(LOCK)));
        assertEquals(locked, accounts.find("locky").orElseThrow());

        // after the lock runs out, one more failure does not lock again: it takes five again
        Account later = accounts.recordFailure("locky", 5, LOCK, NOW.plus(LOCK));
        assertEquals(1, later.failedAttempts());
        assertEquals(NOW.plus(LOCK), later.lockedUntil());
        assertFalse(later.lockedAt(NOW.plus(LOCK)));

        assertNull(accounts.recordFailure("nobody-here", 5, LOCK, NOW));
    }

    @Test
    void concurrentFailuresAreEachCounted() throws Exception {
        accounts.create("raced", "Raced", "regulator", null, "h");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Account>> results = pool.invokeAll(java.util.Collections.nCopies(40,
                    () -> accounts.recordFailure("raced", 1000, LOCK, NOW)));
            int highest = 0;
            for (Future<Account> r : results) {
                highest = Math.max(highest, r.get().failedAttempts());
            }
            assertEquals(40, highest);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, accounts.find("raced").orElseThrow().failedAttempts());
    }

    @Test
    void successForgivesFailuresAndANewPasswordOrUnlockEndsALockOut() throws Exception {
        accounts.create("resetme", "Reset", "admin", null, "old");
        accounts.recordFailure("resetme", 5, LOCK, NOW);
        accounts.recordFailure("resetme", 5, LOCK, NOW);
        Instant signIn = NOW.plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        accounts.recordSuccess("ResetMe", signIn);
        Account signedIn = accounts.find("resetme").orElseThrow();
        assertEquals(0, signedIn.failedAttempts());
        assertEquals(signIn, signedIn.lastSignIn());

        for (int i = 0; i < 3; i++) {
            accounts.recordFailure("resetme", 3, LOCK, NOW);
        }
        assertTrue(accounts.find("resetme").orElseThrow().lockedAt(NOW));
        accounts.setPassword("resetme", "new");
        Account reset = accounts.find("resetme").orElseThrow();
        assertEquals("new", reset.passwordHash());
        assertNull(reset.lockedUntil());

        accounts.recordFailure("resetme", 3, LOCK, NOW);
        for (int i = 0; i < 3; i++) {
            accounts.recordFailure("resetme", 3, LOCK, NOW);
        }
        assertTrue(accounts.find("resetme").orElseThrow().lockedAt(NOW));
        accounts.unlock("resetme");
        Account unlocked = accounts.find("resetme").orElseThrow();
        assertFalse(unlocked.lockedAt(NOW));
        assertEquals(0, unlocked.failedAttempts());

        accounts.setDisabled("resetme", true);
        assertTrue(accounts.find("resetme").orElseThrow().disabled());
        accounts.setDisabled("resetme", false);
        assertFalse(accounts.find("resetme").orElseThrow().disabled());
    }
}
