package org.prooftrail.api.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.api.ApiVerticle;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.ops.DatabaseCheck;
import org.prooftrail.core.config.Settings;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;

/**
 * The trace API on a fresh, migrated database (embedded, or the machine's PostgreSQL via
 * PT_TEST_DB_URL), served over real HTTP on a free port, with a token issuer for every role.
 */
public final class ApiHarness implements AutoCloseable {
    public static final byte[] SECRET = "test-secret-that-is-long-enough-for-hs256!!".getBytes(StandardCharsets.UTF_8);

    private final Vertx vertx;
    private final Database db;
    private final ApiVerticle verticle;
    private final WebClient client;
    private final TokenIssuer tokens;
    private final AuthSettings auth;
    private final String deployment;
    private final Map<String, String> settings;
    private final Function<ApiContext, List<ApiFeature>> features;

    private ApiHarness(Vertx vertx, Database db, ApiVerticle verticle, AuthSettings auth, String deployment,
                       Map<String, String> settings, Function<ApiContext, List<ApiFeature>> features) {
        this.deployment = deployment;
        this.settings = settings;
        this.features = features;
        this.vertx = vertx;
        this.db = db;
        this.verticle = verticle;
        this.auth = auth;
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(verticle.actualPort()).setFollowRedirects(false));
        this.tokens = new TokenIssuer(vertx, auth);
    }

    /** All features of {@link ApiFeatures}, with extra settings (may be empty). */
    public static ApiHarness start(Vertx vertx, Map<String, String> settings) throws Exception {
        return start(vertx, settings, ApiFeatures::all);
    }

    /** Chosen features, e.g. one test feature. */
    public static ApiHarness start(Vertx vertx, Map<String, String> settings,
                                   Function<ApiContext, List<ApiFeature>> features) throws Exception {
        Database db = Database.open(TestServices.freshDatabase());
        try {
            db.migrate();
            return deploy(vertx, db, settings, features);
        } catch (Exception e) {
            db.close();
            throw e;
        }
    }

    private static ApiHarness deploy(Vertx vertx, Database db, Map<String, String> settings,
                                     Function<ApiContext, List<ApiFeature>> features) throws Exception {
        AuthSettings auth = AuthSettings.withSecret(SECRET);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ApiContext ctx = new ApiContext(db, Settings.of(settings), auth, null, "sha256", metrics);
        Map<String, String> http = new java.util.HashMap<>(Map.of(ApiSettings.HOST, "127.0.0.1", ApiSettings.PORT, "0"));
        http.putAll(settings);
        ApiVerticle verticle = new ApiVerticle(ApiSettings.from(Settings.of(http), 0), metrics,
                List.of(new DatabaseCheck(db)), auth, new ArrayList<>(features.apply(ctx)));
        String id = vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        return new ApiHarness(vertx, db, verticle, auth, id, settings, features);
    }

    /**
     * The API stopped (its verticle undeployed, as when the server stops) and started again on the same
     * database, with fresh features; the new harness answers on a new port. Close only the new one.
     */
    public ApiHarness restart() throws Exception {
        vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
        client.close();
        return deploy(vertx, db, settings, features);
    }

    public Vertx vertx() {
        return vertx;
    }

    public Database db() {
        return db;
    }

    public int port() {
        return verticle.actualPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public WebClient client() {
        return client;
    }

    public AuthSettings auth() {
        return auth;
    }

    /** A valid token for one hour. */
    public String token(ApiRole role, String org) {
        return tokens.issue(role.claim() + "-tester", role, org, Duration.ofHours(1));
    }

    public HttpRequest<Buffer> request(HttpMethod method, String path, String bearer) {
        HttpRequest<Buffer> r = client.request(method, path);
        if (bearer != null) {
            r.putHeader("authorization", "Bearer " + bearer);
        }
        return r;
    }

    @Override
    public void close() {
        try {
            vertx.undeploy(deployment).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the verticle may already be gone with its Vert.x instance
        }
        db.close();
    }
}
