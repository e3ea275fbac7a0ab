package org.prooftrail.api.resolver;

import io.vertx.core.Vertx;
import java.util.Map;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The API with all features and a log key, on a fresh database holding the cold-chain demo's
 * signed data, anchored by one signed checkpoint so that proof bundles are real.
 */
public final class ConsumerFixture implements AutoCloseable {
    public static final String ORIGIN = "test.prooftrail.local/log";

    public final ApiHarness api;
    public final SigningKey logKey;
    public final ColdChainFixture.Stored demo;

    private ConsumerFixture(ApiHarness api, SigningKey logKey, ColdChainFixture.Stored demo) {
        this.api = api;
        this.logKey = logKey;
        this.demo = demo;
    }

    public static ConsumerFixture start(Vertx vertx, Map<String, String> settings) throws Exception {
        return start(vertx, settings, java.time.Duration.ofHours(12), ColdChainFixture.Gap.NONE);
    }

    /** With the demo journey starting {@code journey} ago (see {@link ColdChainFixture#store(javax.sql.DataSource, String, String, java.time.Duration)}). */
    public static ConsumerFixture start(Vertx vertx, Map<String, String> settings, java.time.Duration journey) throws Exception {
        return start(vertx, settings, journey, ColdChainFixture.Gap.NONE);
    }

    /** The same journey with what its sensors failed to record. */
    public static ConsumerFixture start(Vertx vertx, Map<String, String> settings, ColdChainFixture.Gap gap) throws Exception {
        return start(vertx, settings, java.time.Duration.ofHours(12), gap);
    }

    /** The demo journey with every event sent as an SD-JWT ({@link ColdChainFixture#storeWithSdJwtEvents}). */
    public static ConsumerFixture startWithSdJwtEvents(Vertx vertx, Map<String, String> settings) throws Exception {
        return start(vertx, settings, java.time.Duration.ofHours(12), ColdChainFixture.Gap.NONE, true);
    }

    private static ConsumerFixture start(Vertx vertx, Map<String, String> settings, java.time.Duration journey,
                                         ColdChainFixture.Gap gap) throws Exception {
        return start(vertx, settings, journey, gap, false);
    }

    private static ConsumerFixture start(Vertx vertx, Map<String, String> settings, java.time.Duration journey,
                                         ColdChainFixture.Gap gap, boolean sdJwtEvents) throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());
        ApiHarness api = ApiHarness.start(vertx, settings, c -> ApiFeatures.all(
                new ApiContext(c.db(), c.settings(), c.auth(), logKey, c.hashAlg(), c.metrics())));
        try {
            ColdChainFixture.Stored demo = sdJwtEvents
                    ? ColdChainFixture.storeWithSdJwtEvents(api.db().dataSource(), api.base(), "sha256")
                    : ColdChainFixture.store(api.db().dataSource(), api.base(), "sha256", journey, gap);
            AnchorStep.once(api.db().dataSource(), ORIGIN, key, "sha256");
            return new ConsumerFixture(api, key, demo);
        } catch (Exception e) {
            api.close();
            throw e;
        }
    }

    /** Runs SQL with string parameters, for the odd cases the demo does not hold. */
    public void sql(String statement, Object... args) throws Exception {
        try (var c = api.db().connection(); var st = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.execute();
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
