package org.prooftrail.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.sim.SimDevice;

/**
 * {@code prooftrail verify --policy FILE} as a user runs it (its own JVM, the shipped classpath) on a bundle
 * of a log cosigned by three witnesses, quorum 2: a policy whose group the checkpoint's cosignatures meet
 * passes; one they cannot meet fails with exit 1 and says how many of the quorum it found; a single
 * trusted witness as the quorum passes; a malformed policy is refused naming its line.
 */
class VerifyPolicyCommandTest {

    @Test
    void verifyPassesWithTheQuorumAndFailsWithoutIt(@TempDir Path dir) throws Exception {
        try (WitnessedLog log = new WitnessedLog(dir, 1)) {
            SimDevice device = log.devices.get(0);
            log.publish(3);
            HttpResponse<String> proof = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    // the saved bundle is verified offline below: wait until its checkpoint carries the ledger's receipt
                    .until(() -> log.get("/v1/proofs/" + device.id() + "/3"), r -> r.statusCode() == 200
                            && new io.vertx.core.json.JsonObject(r.body()).getJsonObject("checkpoint").getValue("receipt") != null);
            Path bundle = Files.writeString(dir.resolve("bundle.json"), proof.body());
            String url = log.proofUrl(device, 3);
            CosignerKey w1 = log.witnesses.get(0).id;
            CosignerKey w2 = log.witnesses.get(1).id;
            CosignerKey w3 = log.witnesses.get(2).id;
            CosignerKey stranger = new CosignerKey("stranger.prooftrail.test/w", SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey());
            String trust = "log " + log.logKey.vkey().encode() + "\n"
                    + witness("w1", w1) + witness("w2", w2) + witness("w3", w3) + witness("stranger", stranger);

            // The log's key from the policy's log line, two of the three witnesses as the quorum.
            Path quorum = policy(dir, "quorum.txt", "# the consortium\n" + trust + "group consortium 2 w1 w2 w3\nquorum consortium\n");
            ShippedCommand.Result ok = ShippedCommand.run(dir, Map.of(), "verify", url, "--policy", quorum.toString());
            assertEquals(ExitCodes.OK, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains("PASS  cosignatures: cosigned by ") && ok.out().contains(" of the quorum of 2)")
                    && ok.out().contains(w1.name()) && ok.out().contains("verified: envelope 3 of " + device.id()), ok.out());

            // Two of {w1, stranger}: the stranger never cosigned this log, so one of two is all there is.
            Path unmet = policy(dir, "unmet.txt", trust + "group pair all w1 stranger\nquorum pair\n");
            ShippedCommand.Result fail = ShippedCommand.run(dir, Map.of(), "verify", bundle.toString(), "--policy", unmet.toString());
            assertEquals(ExitCodes.FAILURE, fail.exit(), fail.out());
            assertTrue(fail.out().contains("FAIL  cosignatures: cosigned by " + w1.name() + ": 1 of the quorum of 2")
                    && fail.out().contains("may be a view shown to you alone") && fail.out().contains("NOT verified"), fail.out());
            assertTrue(fail.out().contains("PASS  checkpoint signature"), "only the quorum is missing: " + fail.out());

            // A stranger alone as the quorum: none of the trusted cosign.
            Path alone = policy(dir, "alone.txt", trust + "quorum stranger\n");
            ShippedCommand.Result none = ShippedCommand.run(dir, Map.of(), "verify", bundle.toString(), "--policy", alone.toString());
            assertEquals(ExitCodes.FAILURE, none.exit(), none.out());
            assertTrue(none.out().contains("FAIL  cosignatures: cosigned by no trusted witness: 0 of the quorum of 1"), none.out());

            // One witness as the quorum, no group line, the log's key given apart.
            Path single = policy(dir, "single.txt", witness("w3", w3) + "quorum w3\n");
            ShippedCommand.Result one = ShippedCommand.run(dir, Map.of(), "verify", bundle.toString(), "--policy", single.toString(),
                    "--log-key", log.logPub.toString());
            assertEquals(ExitCodes.OK, one.exit(), one.out());
            assertTrue(one.out().contains("PASS  cosignatures: cosigned by " + w3.name() + " (1 of the quorum of 1)"), one.out());

            Path broken = policy(dir, "broken.txt", trust + "group consortium 2 w1 w9\nquorum consortium\n");
            ShippedCommand.Result refused = ShippedCommand.run(dir, Map.of(), "verify", bundle.toString(), "--policy", broken.toString());
            assertEquals(ExitCodes.FAILURE, refused.exit(), refused.out());
            assertTrue(refused.out().startsWith("FAIL  policy: " + broken + ": policy line 6: 'w9' is not a witness defined above"),
                    refused.out());
        }
    }

    private static String witness(String name, CosignerKey key) {
        return "witness " + name + " " + key.vkey().encode() + "\n";
    }

    private static Path policy(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
