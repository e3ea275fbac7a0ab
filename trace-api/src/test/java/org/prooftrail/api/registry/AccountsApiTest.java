package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.registry.RegistryApiTest.assertFieldProblem;
import static org.prooftrail.api.registry.RegistryApiTest.assertProblem;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;

/** Console accounts over real HTTP on a real database: admins only, and no answer ever carries a hash. */
class AccountsApiTest {
    private static final String PASSWORD = "quality first 2026";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String admin;
    private static String regulator;
    private static String company;
    private static Accounts accounts;
    private static ConsoleSessions sessions;
    /** Every response body of this test, checked at the end for anything that looks like a hash. */
    private static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        admin = api.token(ApiRole.ADMIN, null);
        regulator = api.token(ApiRole.REGULATOR, null);
        company = api.token(ApiRole.COMPANY, "dairy");
        accounts = new Accounts(api.db().dataSource());
        sessions = new ConsoleSessions(api.db().dataSource());
        assertEquals(201, send(HttpMethod.POST, "/v1/orgs", admin,
                new JsonObject().put("id", "dairy").put("name", "Dairy")).statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (String body : bodies) {
                assertFalse(body.contains("argon2") || body.contains("assword\":") || body.contains("hash"), body);
            }
        } finally {
            api.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body)
            throws Exception {
        var req = api.request(method, path, token);
        HttpResponse<Buffer> r = (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
        bodies.add(r.bodyAsString() == null ? "" : r.bodyAsString());
        return r;
    }

    private static JsonObject account(String username, String role, String org) {
        JsonObject j = new JsonObject().put("username", username).put("role", role).put("password", PASSWORD);
        return org == null ? j : j.put("org", org);
    }

    @Test
    void anAdminCreatesAnAccountWhosePasswordVerifiesAndTheAnswerHasNoHash() throws Exception {
        HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/accounts", admin,
                account("Li.Na@Dairy.cn", "company", "dairy").put("displayName", "Li Na"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("li.na@dairy.cn", body.getString("username"));
        assertEquals("Li Na", body.getString("displayName"));
        assertEquals("company", body.getString("role"));
        assertEquals("dairy", body.getString("org"));
        assertEquals(false, body.getBoolean("disabled"));
        assertEquals(false, body.getBoolean("locked"));
        assertTrue(body.containsKey("createdAt"));
        assertFalse(body.containsKey("passwordHash"));

        String stored = accounts.find("li.na@dairy.cn").orElseThrow().passwordHash();
        assertTrue(PasswordHashing.verify(PASSWORD.toCharArray(), stored), stored);
        assertFalse(PasswordHashing.needsRehash(stored));

        assertProblem(send(HttpMethod.POST, "/v1/accounts", admin, account("li.na@dairy.cn", "regulator", null)),
                409, "already registered");
        // the default display name is the username
        HttpResponse<Buffer> inspector = send(HttpMethod.POST, "/v1/accounts", admin, account("inspector-1", "regulator", null));
        assertEquals("inspector-1", inspector.bodyAsJsonObject().getString("displayName"));
    }

    @Test
    void badPasswordsRolesAndOrganisationsAreRefusedNamingTheField() throws Exception {
        assertFieldProblem(send(HttpMethod.POST, "/v1/accounts", admin,
                account("shorty", "admin", null).put("password", "short")), 400, "password");
        assertProblem(send(HttpMethod.POST, "/v1/accounts", admin,
                account("shorty", "admin", null).put("password", "x".repeat(12))), 400, "one character repeated");
        assertFieldProblem(send(HttpMethod.POST, "/v1/accounts", admin, account("orgless", "company", null)), 400, "org");
        assertFieldProblem(send(HttpMethod.POST, "/v1/accounts", admin, account("inspector-2", "regulator", "dairy")),
                400, "org");
        assertProblem(send(HttpMethod.POST, "/v1/accounts", admin, account("ghost", "company", "no-such-org")),
                422, "not registered");
        assertEquals(400, send(HttpMethod.POST, "/v1/accounts", admin, account("has space", "admin", null)).statusCode());
        assertEquals(400, send(HttpMethod.POST, "/v1/accounts", admin, account("root", "superuser", null)).statusCode());
        for (String username : List.of("shorty", "orgless", "inspector-2", "ghost")) {
            assertTrue(accounts.find(username).isEmpty(), username);
        }
    }

    @Test
    void onlyAdminsCreateListAndChangeAccounts() throws Exception {
        for (String token : new String[] {company, regulator}) {
            String role = token.equals(company) ? "role company" : "role regulator";
            assertProblem(send(HttpMethod.POST, "/v1/accounts", token, account("intruder", "admin", null)), 403, role);
            assertProblem(send(HttpMethod.GET, "/v1/accounts", token, null), 403, role);
            assertProblem(send(HttpMethod.PATCH, "/v1/accounts/intruder", token,
                    new JsonObject().put("disabled", true)), 403, role);
        }
        assertProblem(send(HttpMethod.POST, "/v1/accounts", null, account("intruder", "admin", null)), 401, "bearer token");
        assertProblem(send(HttpMethod.GET, "/v1/accounts", null, null), 401, "bearer token");
        assertProblem(send(HttpMethod.PATCH, "/v1/accounts/intruder", null, new JsonObject().put("disabled", true)),
                401, "bearer token");
        assertTrue(accounts.find("intruder").isEmpty());
    }

    @Test
    void theListHasEveryAccountByUsernameWithoutHashes() throws Exception {
        send(HttpMethod.POST, "/v1/accounts", admin, account("zz-list-b", "admin", null));
        send(HttpMethod.POST, "/v1/accounts", admin, account("zz-list-a", "company", "dairy"));
        HttpResponse<Buffer> r = send(HttpMethod.GET, "/v1/accounts", admin, null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<String> names = r.bodyAsJsonObject().getJsonArray("accounts").stream()
                .map(a -> ((JsonObject) a).getString("username")).filter(u -> u.startsWith("zz-list-")).toList();
        assertEquals(List.of("zz-list-a", "zz-list-b"), names);
    }

    @Test
    void patchSetsThePasswordUnlocksAndDisablesEndingSessions() throws Exception {
        assertEquals(201, send(HttpMethod.POST, "/v1/accounts", admin, account("patchme", "regulator", null)).statusCode());
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            accounts.recordFailure("patchme", 5, Duration.ofMinutes(15), now);
        }
        HttpResponse<Buffer> locked = send(HttpMethod.GET, "/v1/accounts", admin, null);
        JsonObject listed = locked.bodyAsJsonObject().getJsonArray("accounts").stream().map(a -> (JsonObject) a)
                .filter(a -> a.getString("username").equals("patchme")).findFirst().orElseThrow();
        assertEquals(true, listed.getBoolean("locked"));
        assertTrue(listed.containsKey("lockedUntil"));

        HttpResponse<Buffer> unlocked = send(HttpMethod.PATCH, "/v1/accounts/PatchMe", admin,
                new JsonObject().put("unlocked", true));
        assertEquals(200, unlocked.statusCode(), unlocked.bodyAsString());
        assertEquals(false, unlocked.bodyAsJsonObject().getBoolean("locked"));
        assertFieldProblem(send(HttpMethod.PATCH, "/v1/accounts/patchme", admin, new JsonObject().put("unlocked", false)),
                400, "unlocked");

        sessions.create(idHash(1), "patchme", "csrf", now.plus(Duration.ofHours(1)));
        HttpResponse<Buffer> reset = send(HttpMethod.PATCH, "/v1/accounts/patchme", admin,
                new JsonObject().put("password", "a new passphrase"));
        assertEquals(200, reset.statusCode(), reset.bodyAsString());
        String stored = accounts.find("patchme").orElseThrow().passwordHash();
        assertTrue(PasswordHashing.verify("a new passphrase".toCharArray(), stored));
        assertFalse(PasswordHashing.verify(PASSWORD.toCharArray(), stored));
        assertTrue(sessions.find(idHash(1), now).isEmpty(), "a new password signs the account out");
        assertFieldProblem(send(HttpMethod.PATCH, "/v1/accounts/patchme", admin, new JsonObject().put("password", "short")),
                400, "password");

        sessions.create(idHash(2), "patchme", "csrf", now.plus(Duration.ofHours(1)));
        HttpResponse<Buffer> disabled = send(HttpMethod.PATCH, "/v1/accounts/patchme", admin,
                new JsonObject().put("disabled", true));
        assertEquals(true, disabled.bodyAsJsonObject().getBoolean("disabled"));
        assertEquals(0, sessions.deleteOf("patchme"), "disabling deleted the session");
        HttpResponse<Buffer> enabled = send(HttpMethod.PATCH, "/v1/accounts/patchme", admin,
                new JsonObject().put("disabled", false));
        assertEquals(false, enabled.bodyAsJsonObject().getBoolean("disabled"));

        assertProblem(send(HttpMethod.PATCH, "/v1/accounts/nobody-here", admin, new JsonObject().put("disabled", true)),
                404, "no console account");
        assertEquals(400, send(HttpMethod.PATCH, "/v1/accounts/patchme", admin, new JsonObject()).statusCode());
    }

    private static byte[] idHash(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        return id;
    }

    @Test
    void anAccountOfAnOpenIdProviderGetsNoPasswordHere() throws Exception {
        new org.prooftrail.store.accounts.ExternalAccounts(api.db().dataSource())
                .signIn("https://id.example", "subject-7", "provider-user", "Provider User", "regulator", null);
        HttpResponse<Buffer> r = send(HttpMethod.PATCH, "/v1/accounts/provider-user", admin,
                new JsonObject().put("password", "a brand new password"));
        assertEquals(409, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("OpenID Connect provider"), r.bodyAsString());
        JsonObject listed = send(HttpMethod.GET, "/v1/accounts", admin, null).bodyAsJsonObject().getJsonArray("accounts")
                .stream().map(o -> (JsonObject) o).filter(o -> o.getString("username").equals("provider-user"))
                .findFirst().orElseThrow();
        assertTrue(listed.getBoolean("external"));
        assertEquals(200, send(HttpMethod.PATCH, "/v1/accounts/provider-user", admin,
                new JsonObject().put("disabled", true)).statusCode(), "disabling it still works");
    }
}
