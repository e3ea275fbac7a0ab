package org.prooftrail.api.registry;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.testing.ApiHarness;

/** A server that trusts an identity provider (no shared secret) cannot mint tokens: 501 saying so. */
class TokensWithoutSecretTest {

    @Test
    void issueTokenAnswers501() throws Exception {
        Vertx vertx = Vertx.vertx();
        // The harness still verifies with its secret; the registry is told there is none, as with a JWKS.
        AuthSettings idp = new AuthSettings(null, null, "https://idp.example.com/jwks", "prooftrail", "prooftrail-api");
        try (ApiHarness api = ApiHarness.start(vertx, Map.of(), c -> List.of(new RegistryRoutes(
                new ApiContext(c.db(), c.settings(), idp, c.logKey(), c.hashAlg(), c.metrics()))))) {
            RegistryApiTest.assertProblem(api.request(HttpMethod.POST, "/v1/tokens", api.token(ApiRole.ADMIN, null))
                    .sendJsonObject(new JsonObject().put("subject", "x").put("role", "regulator"))
                    .await(30, TimeUnit.SECONDS), 501, "no shared secret");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
