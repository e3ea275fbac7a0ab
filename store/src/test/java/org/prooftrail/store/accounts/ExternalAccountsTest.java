package org.prooftrail.store.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.accounts.ExternalAccounts.ExternalAccount;
import org.prooftrail.store.accounts.ExternalAccounts.PendingLogin;
import org.prooftrail.store.registry.Organisations;

/**
 * External accounts are found by issuer and subject, never by name: a provider naming a person after a
 * local account gets a new account beside it. Their claims replace what was kept; their password hash is
 * no password; a pending sign-in is taken once and not after it expired.
 */
class ExternalAccountsTest {
    private static final String ISSUER = "https://id.example.cn";
    private static Database db;
    private static ExternalAccounts external;
    private static Accounts accounts;

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        external = new ExternalAccounts(db.dataSource());
        accounts = new Accounts(db.dataSource());
        Organisations orgs = new Organisations(db.dataSource());
        orgs.ensure("farm-a", "Farm A");
        orgs.ensure("farm-b", "Farm B");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aLocalAccountOfTheSameNameIsNeitherReusedNorChanged() throws Exception {
        accounts.create("admin", "Local Admin", "admin", null, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
        ExternalAccount first = external.signIn(ISSUER, "sub-1", "Admin", "Mallory", "company", "farm-a");
        assertEquals(new ExternalAccount("admin-2", false, true), first);
        Account local = accounts.find("admin").orElseThrow();
        assertEquals("admin", local.role());
        assertEquals("Local Admin", local.displayName());
        ExternalAccount other = external.signIn("https://other.example", "sub-1", "admin", "Someone", "regulator", null);
        assertEquals("admin-3", other.username(), "the same subject at another issuer is another person");
    }

    @Test
    void theClaimsOfEachSignInReplaceWhatWasKept() throws Exception {
        ExternalAccount made = external.signIn(ISSUER, "sub-2", "li.wei@farm-a.example", "Li Wei", "company", "farm-a");
        assertEquals("li.wei@farm-a.example", made.username());
        ExternalAccount again = external.signIn(ISSUER, "sub-2", "renamed-at-the-provider", "Li Wei (QA)", "company", "farm-b");
        assertEquals(new ExternalAccount(made.username(), false, false), again, "found by subject, not by name");
        Account a = accounts.find(made.username()).orElseThrow();
        assertEquals("farm-b", a.org());
        assertEquals("Li Wei (QA)", a.displayName());
        assertEquals(ExternalAccounts.NO_PASSWORD, a.passwordHash());
        external.signIn(ISSUER, "sub-2", "x", "Li Wei", "regulator", null);
        assertEquals("regulator", accounts.find(made.username()).orElseThrow().role());
        assertEquals(null, accounts.find(made.username()).orElseThrow().org());
    }

    @Test
    void aDisabledAccountStaysAsItWas() throws Exception {
        ExternalAccount made = external.signIn(ISSUER, "sub-3", "gone", "Gone", "company", "farm-a");
        update("UPDATE console_account SET disabled = true WHERE username = '" + made.username() + "'");
        assertEquals(new ExternalAccount(made.username(), true, false), external.signIn(ISSUER, "sub-3", "gone", "Gone",
                "admin", null));
        assertEquals("company", accounts.find(made.username()).orElseThrow().role());
    }

    @Test
    void anExternalAccountCannotBeGivenAPassword() throws Exception {
        ExternalAccount made = external.signIn(ISSUER, "sub-4", "np", "No Password", "regulator", null);
        assertEquals("oidc-np", made.username(), "too short a name is lengthened to a valid one");
        SQLException e = assertThrows(SQLException.class, () -> update("UPDATE console_account SET password_hash = "
                + "'$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA' WHERE username = '" + made.username() + "'"));
        assertTrue(e.getMessage().contains("console_account_external_no_password"), e.getMessage());
    }

    @Test
    void namesAreMadeValidUsernames() {
        assertEquals("zhang.min", ExternalAccounts.usernameFrom("Zhang.Min"));
        assertEquals("li-wei", ExternalAccounts.usernameFrom("  -Li Wei"));
        assertEquals("oidc-user", ExternalAccounts.usernameFrom("张敏"), "nothing usable left: a generic name");
        assertEquals("oidc-user", ExternalAccounts.usernameFrom(null));
        assertEquals(56, ExternalAccounts.usernameFrom("a".repeat(100)).length());
    }

    @Test
    void aPendingSignInIsTakenOnceAndNotWhenExpired() throws Exception {
        Instant now = Instant.now();
        PendingLogin p = new PendingLogin("nonce", "verifier", "http://127.0.0.1/console/oidc/callback", "/console/");
        external.begin(new byte[] {1}, p, now.plusSeconds(600), now);
        assertEquals(p, external.take(new byte[] {1}, now).orElseThrow());
        assertTrue(external.take(new byte[] {1}, now).isEmpty());
        external.begin(new byte[] {2}, p, now.plusSeconds(600), now);
        assertFalse(external.take(new byte[] {2}, now.plusSeconds(601)).isPresent());
    }

    private static void update(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }
}
