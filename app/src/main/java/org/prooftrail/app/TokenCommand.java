package org.prooftrail.app;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issues an API bearer token for operators: signed with the shared secret the servers check
 * (PT_JWT_SECRET or PT_JWT_SECRET_FILE, else the demo's secret under --home).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Issue an API token (JWT, HS256) for a role; company tokens are scoped to one organisation.")
final class TokenCommand implements Callable<Integer> {
    @Option(names = "--role", required = true, description = "company, regulator or admin")
    String role;

    @Option(names = "--org", description = "the organisation a company token may see and change")
    String org;

    @Option(names = "--subject", defaultValue = "operator", description = "who the token is for (default: ${DEFAULT-VALUE})")
    String subject;

    @Option(names = "--ttl", defaultValue = "8h", description = "lifetime, e.g. 30m, 8h, 30d (default: ${DEFAULT-VALUE})")
    String ttl;

    @Option(names = "--home", description = "the demo's folder, used when no secret is configured (default: ~/.prooftrail)")
    Path home = Path.of(System.getProperty("user.home"), ".prooftrail");

    @Override
    public Integer call() throws Exception {
        ApiRole r = ApiRole.fromClaim(role).orElse(null);
        if (r == null) {
            System.err.println("token: --role must be company, regulator or admin, got '" + role + "'");
            return ExitCodes.CONFIG;
        }
        if (r == ApiRole.COMPANY && (org == null || !org.matches("[A-Za-z0-9._-]{1,64}"))) {
            System.err.println("token: a company token needs --org with the organisation's id");
            return ExitCodes.CONFIG;
        }
        if (r != ApiRole.COMPANY && org != null) {
            System.err.println("token: --org applies to company tokens only; " + role + " tokens see every organisation");
            return ExitCodes.CONFIG;
        }
        Settings settings = Settings.fromEnvironment();
        Duration lifetime;
        AuthSettings auth;
        try {
            lifetime = Settings.of(Map.of("--ttl", ttl)).duration("--ttl", Duration.ofHours(8));
            if (settings.optional(AuthSettings.SECRET).isEmpty() && settings.optional(AuthSettings.SECRET_FILE).isEmpty()) {
                Path demoSecret = home.resolve("keys").resolve("jwt-secret");
                if (!Files.exists(demoSecret)) {
                    System.err.println("token: set " + AuthSettings.SECRET_FILE + " (or " + AuthSettings.SECRET
                            + ") to the secret the servers use; no demo secret at " + demoSecret);
                    return ExitCodes.CONFIG;
                }
                System.err.println("token: using the demo's secret " + demoSecret);
                settings = settings.with(Map.of(AuthSettings.SECRET_FILE, demoSecret.toString()));
            }
            auth = AuthSettings.from(settings);
        } catch (ConfigException e) {
            System.err.println("token: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        Vertx vertx = Vertx.vertx();
        try {
            System.out.println(new TokenIssuer(vertx, auth).issue(subject, r, org, lifetime));
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
        return ExitCodes.OK;
    }
}
