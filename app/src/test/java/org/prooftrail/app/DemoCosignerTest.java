package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;
import picocli.CommandLine;

/**
 * Every demo proof names its cosigner, the demo regulator, by its display name, and
 * {@code prooftrail verify} with the policy the demo writes (its log key, its witness, quorum 1)
 * passes, cosignatures step included; a policy asking for a witness the demo does not run fails.
 */
class DemoCosignerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDemoProofNamesItsCosignerAndVerifiesUnderTheDemoPolicy(@TempDir Path home) throws Exception {
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), Settings.of(Map.of()), true)) {
            DemoLinks.Link proof = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> DemoLinks.proof(demo),
                    Optional::isPresent).orElseThrow();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(proof.url())).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonArray cosigners = new JsonObject(r.body()).getJsonObject("checkpoint").getJsonArray("cosigners");
            assertEquals(1, cosigners.size(), cosigners.encode());
            assertEquals(DemoWitness.NAME, cosigners.getJsonObject(0).getString("name"));
            assertEquals("Demo regulator 示范监管机构", cosigners.getJsonObject(0).getString("displayName"));
            assertTrue(cosigners.getJsonObject(0).getLong("timestamp") > 1_700_000_000L, cosigners.encode());

            String policy = Files.readString(demo.policy());
            String[] out = new String[1];
            int exit = verify(out, proof.url(), "--policy", demo.policy().toString());
            assertEquals(0, exit, out[0]);
            assertTrue(out[0].contains("cosigned by " + DemoWitness.NAME), out[0]);

            // the same proof against a quorum the demo cannot meet: a second, unknown witness
            Path stricter = home.resolve("stricter.txt");
            Files.writeString(stricter, policy.replace("quorum " + DemoPolicy.WITNESS + "\n",
                    "witness other other.example/w+" + otherVkeyTail() + "\ngroup both all " + DemoPolicy.WITNESS + " other\nquorum both\n"));
            assertEquals(1, verify(out, proof.url(), "--policy", stricter.toString()), out[0]);
            assertTrue(out[0].contains("1 of the quorum of 2"), out[0]);
        }
    }

    /** A valid Ed25519 cosigner vkey's key id and key for the name other.example/w. */
    private static String otherVkeyTail() {
        var key = org.prooftrail.core.crypto.SigningKey.generate(org.prooftrail.core.crypto.SignatureAlgorithm.EdDSA);
        String vkey = new org.prooftrail.anchor.checkpoint.CosignerKey("other.example/w", key.verifyingKey()).vkey().encode();
        return vkey.substring("other.example/w+".length());
    }

    private static int verify(String[] out, String... args) {
        StringWriter text = new StringWriter();
        CommandLine cl = ProofTrailCommand.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        String[] all = new String[args.length + 1];
        all[0] = "verify";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        out[0] = text.toString();
        return exit;
    }
}
