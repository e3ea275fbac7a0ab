package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.core.auth.PasswordPolicy;
import org.prooftrail.store.accounts.Account;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.accounts.ConsoleSessions;
import org.prooftrail.store.registry.Organisations;

/**
 * The admin's side of console accounts: create, list, and change one (new password, disable, end a
 * lock-out). Passwords are hashed on the worker pool, never on the event loop (Argon2id at 19 MiB takes
 * tens of milliseconds); no answer ever carries a hash.
 */
final class AccountRoutes {
    private final Accounts accounts;
    private final ConsoleSessions sessions;
    private final Organisations orgs;

    AccountRoutes(Accounts accounts, ConsoleSessions sessions, Organisations orgs) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("createAccount").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> create(workers, ctx));
        m.operation("listAccounts").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, this::list));
        m.operation("updateAccount").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> update(workers, ctx));
    }

    private void create(WorkerExecutor workers, RoutingContext ctx) {
        JsonObject body = BlockingReplies.body(ctx);
        String username = Accounts.normalise(body.getString("username"));
        ApiRole role = ApiRole.fromClaim(body.getString("role")).orElseThrow();
        String org = body.getString("org");
        String password = body.getString("password");
        try {
            checkOrgFits(role, org);
            checkPassword(password);
        } catch (Refusal r) {
            BlockingReplies.fail(ctx, r);
            return;
        }
        String displayName = body.getString("displayName", username);
        BlockingReplies.json(workers, ctx, 201, () -> {
            if (org != null) {
                OrganisationRoutes.require(orgs, org, "org");
            }
            return json(accounts.create(username, displayName, role.claim(), org, hash(password)), Instant.now());
        });
    }

    private JsonObject list() throws SQLException {
        Instant now = Instant.now();
        JsonArray out = new JsonArray();
        for (Account a : accounts.all()) {
            out.add(json(a, now));
        }
        return new JsonObject().put("accounts", out);
    }

    /** Applies what the body names, password first; a new password or disabling ends the account's sessions. */
    private void update(WorkerExecutor workers, RoutingContext ctx) {
        String username = Accounts.normalise(ctx.pathParam("username"));
        JsonObject body = BlockingReplies.body(ctx);
        String password = body.getString("password");
        Boolean disabled = body.getBoolean("disabled");
        Boolean unlocked = body.getBoolean("unlocked");
        try {
            if (password != null) {
                checkPassword(password);
            }
            if (Boolean.FALSE.equals(unlocked)) {
                throw Refusal.badField("unlocked", "only true (end a lock-out now) is accepted; wrong passwords lock an account");
            }
        } catch (Refusal r) {
            BlockingReplies.fail(ctx, r);
            return;
        }
        BlockingReplies.json(workers, ctx, 200, () -> {
            var found = accounts.find(username);
            if (found.isEmpty()) {
                throw Refusal.notFound("no console account '" + username + "'");
            }
            if (password != null && org.prooftrail.store.accounts.ExternalAccounts.NO_PASSWORD.equals(found.get().passwordHash())) {
                throw Refusal.conflict("password", "account '" + username + "' signs in through its OpenID Connect provider "
                        + "and has no password here; change it at the provider");
            }
            if (password != null) {
                accounts.setPassword(username, hash(password));
                // whoever knew the old password is signed out with it
                sessions.deleteOf(username);
            }
            if (Boolean.TRUE.equals(unlocked)) {
                accounts.unlock(username);
            }
            if (disabled != null) {
                accounts.setDisabled(username, disabled);
                if (disabled) {
                    sessions.deleteOf(username);
                }
            }
            return json(accounts.find(username).orElseThrow(() -> Refusal.notFound("no console account '" + username + "'")),
                    Instant.now());
        });
    }

    private static void checkOrgFits(ApiRole role, String org) {
        if (role == ApiRole.COMPANY && org == null) {
            throw Refusal.badField("org", "a company account must name its organisation");
        }
        if (role != ApiRole.COMPANY && org != null) {
            throw Refusal.badField("org", "only company accounts belong to an organisation; "
                    + role.claim() + " accounts see across all");
        }
    }

    private static void checkPassword(String password) {
        String problem = PasswordPolicy.problem(password);
        if (problem != null) {
            throw Refusal.badField("password", problem);
        }
    }

    private static String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return PasswordHashing.hash(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The account as the API shows it: everything but the password hash. */
    static JsonObject json(Account a, Instant now) {
        JsonObject j = new JsonObject().put("username", a.username()).put("displayName", a.displayName())
                .put("role", a.role());
        if (a.org() != null) {
            j.put("org", a.org());
        }
        j.put("external", org.prooftrail.store.accounts.ExternalAccounts.NO_PASSWORD.equals(a.passwordHash()));
        j.put("disabled", a.disabled()).put("locked", a.lockedAt(now)).put("failedAttempts", a.failedAttempts());
        if (a.lockedAt(now)) {
            j.put("lockedUntil", a.lockedUntil().toString());
        }
        j.put("createdAt", a.createdAt().toString());
        if (a.lastSignIn() != null) {
            j.put("lastSignIn", a.lastSignIn().toString());
        }
        return j;
    }
}
