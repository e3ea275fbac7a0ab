package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.sdjwt.Disclosure;
import picocli.CommandLine;

/**
 * {@code prooftrail verify} on the proof bundle of one of the demo's SD-JWT packing events, fetched
 * from the running API: the owner's and the regulator's bundles carry every disclosure and verify,
 * naming the disclosed fields; a bundle with disclosures left out still verifies and counts them as
 * withheld; a changed disclosure, one for a digest the JWT does not hold and a JWT without its
 * signature fail, naming the disclosure or the signature.
 */
class SdJwtVerifyCommandTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Packing(String device, long seq, String org, int stored) {
    }

    @Test
    void verifyChecksTheDisclosuresOfAnSdJwtBundle(@TempDir Path home) throws Exception {
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), Settings.of(Map.of()), true)) {
            Packing packing = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> anchoredPacking(demo),
                    Optional::isPresent).orElseThrow();
            String url = demo.httpBase() + "/v1/proofs/" + packing.device() + "/" + packing.seq();
            DemoLinks.Tokens tokens = DemoLinks.tokens(home, packing.org());
            String policy = demo.policy().toString();

            Run owner = verify(url, "--policy", policy, "--token", tokens.company());
            assertEquals(0, owner.exit, owner.out);
            assertTrue(owner.out.contains("PASS  disclosures: " + packing.stored() + " disclosed ("), owner.out);
            assertTrue(owner.out.contains("event.parentID") && owner.out.contains("event.childEPCs[] x"), owner.out);
            assertTrue(owner.out.contains("PASS  device signature") && owner.out.contains("an SD-JWT"), owner.out);

            Run anonymous = verify(url, "--policy", policy);
            assertEquals(1, anonymous.exit, anonymous.out);
            assertTrue(anonymous.out.contains("HTTP 404"), anonymous.out);

            JsonObject bundle = new JsonObject(get(url, tokens.regulator()));
            JsonArray disclosures = bundle.getJsonObject("envelope").getJsonArray("disclosures");
            assertEquals(packing.stored(), disclosures.size(), "the regulator's bundle carries every disclosure");
            Path whole = home.resolve("whole.json");
            Files.writeString(whole, bundle.encode());
            assertEquals(0, verify(whole.toString(), "--policy", policy).exit);

            // a holder shown one field: the rest are counted as withheld, and the bundle still verifies
            Run one = verify(write(home, "one.json", bundle, new JsonArray().add(disclosures.getString(0))), "--policy", policy);
            assertEquals(0, one.exit, one.out);
            assertTrue(one.out.contains("PASS  disclosures: 1 disclosed"), one.out);
            assertTrue(one.out.contains((packing.stored() - 1) + " digests withheld"), one.out);

            // the parentID disclosure with another value under the same salt: no digest of the JWT names it
            int parent = indexOfMember(disclosures, "parentID");
            Disclosure original = Disclosure.parse(disclosures.getString(parent));
            Disclosure changed = Disclosure.create(original.salt(), "parentID",
                    JsonNodeFactory.instance.textNode("urn:epc:id:sscc:0614141.0000000001"));
            Run tampered = verify(write(home, "changed.json", bundle, disclosures.copy().set(parent, changed.encoded())),
                    "--policy", policy);
            assertEquals(1, tampered.exit, tampered.out);
            assertTrue(tampered.out.contains("FAIL  disclosures: disclosure " + (parent + 1) + " of " + packing.stored()
                    + " (member \"parentID\", digest " + changed.digest() + ") matches no digest in the signed JWT"), tampered.out);
            assertTrue(tampered.out.contains("NOT verified"), tampered.out);

            // a disclosure the issuer never signed
            Disclosure foreign = Disclosure.ofMember("bizTransactionList", JsonNodeFactory.instance.arrayNode()
                    .add(JsonNodeFactory.instance.objectNode().put("type", "po").put("bizTransaction", "urn:example:po:77")));
            Run added = verify(write(home, "added.json", bundle, disclosures.copy().add(foreign.encoded())), "--policy", policy);
            assertEquals(1, added.exit, added.out);
            assertTrue(added.out.contains("FAIL  disclosures: disclosure " + (packing.stored() + 1) + " of " + (packing.stored() + 1)
                    + " (member \"bizTransactionList\""), added.out);

            // the issuer-signed JWT without its signature
            JsonObject unsigned = bundle.copy();
            String jws = unsigned.getJsonObject("envelope").getString("jws");
            unsigned.getJsonObject("envelope").put("jws", jws.substring(0, jws.lastIndexOf('.') + 1));
            Path unsignedFile = home.resolve("unsigned.json");
            Files.writeString(unsignedFile, unsigned.encode());
            Run missing = verify(unsignedFile.toString(), "--policy", policy);
            assertEquals(1, missing.exit, missing.out);
            assertTrue(missing.out.contains("FAIL  device signature: MISSING_SIGNATURE"), missing.out);

            // a plain reading's bundle carries no disclosures and no such step; the simulation's readings may
            // reach a checkpoint after the scenario's events did
            String reading = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> DemoLinks.proof(demo),
                    Optional::isPresent).orElseThrow().url();
            assertFalse(new JsonObject(get(reading, null)).getJsonObject("envelope").containsKey("disclosures"));
            Run plain = verify(reading, "--policy", policy);
            assertEquals(0, plain.exit, plain.out);
            assertFalse(plain.out.contains("disclosures"), plain.out);
        }
    }

    /** An anchored SD-JWT AggregationEvent of the demo, its owner and how many disclosures are stored with it. */
    private static Optional<Packing> anchoredPacking(Demo demo) throws Exception {
        try (Connection c = demo.node().database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v.device_id, v.seq, d.org_id, coalesce(cardinality(v.disclosures), 0) "
                     + "FROM epcis_event e JOIN envelope v ON v.id = e.envelope_id "
                     + "JOIN device d ON d.id = v.device_id JOIN chunk ch ON ch.id = v.chunk_id "
                     + "WHERE e.event_type = 'AggregationEvent' AND e.action = 'ADD' "
                     + "AND ch.log_index < (SELECT coalesce(max(tree_size), 0) FROM checkpoint) ORDER BY v.id LIMIT 1")) {
            return rs.next() ? Optional.of(new Packing(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
                    : Optional.empty();
        }
    }


    private static int indexOfMember(JsonArray disclosures, String name) throws Exception {
        for (int i = 0; i < disclosures.size(); i++) {
            if (name.equals(Disclosure.parse(disclosures.getString(i)).name())) {
                return i;
            }
        }
        throw new AssertionError("no disclosure of " + name + " in " + disclosures);
    }

    private static String write(Path dir, String name, JsonObject bundle, JsonArray disclosures) throws Exception {
        JsonObject copy = bundle.copy();
        copy.getJsonObject("envelope").put("disclosures", disclosures);
        Path file = dir.resolve(name);
        Files.writeString(file, copy.encode());
        return file.toString();
    }

    private static String get(String url, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private record Run(int exit, String out) {
    }

    private static Run verify(String... args) {
        StringWriter text = new StringWriter();
        CommandLine cl = ProofTrailCommand.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(new String[0]));
        return new Run(exit, text.toString());
    }
}
