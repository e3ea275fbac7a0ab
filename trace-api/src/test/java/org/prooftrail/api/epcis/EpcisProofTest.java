package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.AnchorService;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.proof.BundleVerifier;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.Organisations;

/**
 * A captured event is as provable as a sensor's: the anchorer logs its chunk, and the proof bundle
 * served at /v1/proofs/{org}.epcis-api/{seq} verifies offline under the log key, with the envelope
 * signed by the server's attestation key.
 */
class EpcisProofTest {
    @TempDir
    Path dir;

    @Test
    void capturedEventHasAProofBundleThatVerifies() throws Exception {
        Vertx vertx = Vertx.vertx();
        SigningKey serverKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        Path keyFile = dir.resolve("api.pem");
        KeyFiles.writePrivate(keyFile, serverKey);
        SigningKey logSigningKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        try (ApiHarness api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString()))) {
            new Organisations(api.db().dataSource()).ensure("orchard", "Orchard");
            String token = api.token(ApiRole.COMPANY, "orchard");
            JsonObject job = EpcisFixtures.capture(api, token, EpcisFixtures.document("proof"));
            assertTrue(job.getBoolean("success"), job.encode());
            AnchorSettings settings = new AnchorSettings(Duration.ofMillis(100), "test.prooftrail/log", logSigningKey, "sha256",
                    LocalLedger.NAME);
            try (AnchorService anchor = new AnchorService(settings, api.db().settings(), new LocalLedger(),
                    new SimpleMeterRegistry()).start()) {
                AtomicReference<ProofBundle> proof = new AtomicReference<>();
                // Served once a checkpoint covers the chunk; complete once the ledger has its receipt.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    HttpResponse<Buffer> r = EpcisFixtures.get(api, token, "/v1/proofs/orchard.epcis-api/3");
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    proof.set(new ObjectMapper().readValue(r.body().getBytes(), ProofBundle.class));
                    return proof.get().checkpoint().receipt() != null;
                });
                ProofBundle bundle = proof.get();
                assertEquals("orchard.epcis-api", bundle.envelope().device());
                assertEquals(PublicKeys.toPem(serverKey.verifyingKey()), bundle.envelope().publicKeyPem());
                assertEquals(job.getLong("chunk"), bundle.chunk().id());
                var steps = BundleVerifier.offline(new LogKey("test.prooftrail/log", logSigningKey.verifyingKey())).verify(bundle);
                assertTrue(BundleVerifier.allPassed(steps), steps.toString());
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
