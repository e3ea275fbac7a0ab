package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page checks the witnesses' cosignatures of its checkpoint and names the cosigners. The server
 * trusts two witnesses, quorum 2: the provincial regulator cosigns with Ed25519 (checked in the
 * browser's WebCrypto), the pharmacy with SM2 (checked by the server, and the page says so). Their
 * cosignature lines are stored on the published checkpoint as the anchorer stores a witness's answer.
 * A real headless Chromium opens the page: it verifies and says who cosigned; a stored cosignature
 * altered (either one) or dropped below the quorum turns the badge to failed, naming the step.
 */
class CosignedPageBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(CosignedPageBrowserTest.class);
    private static final String REGULATOR = "witness.pda.example/w1";
    private static final String PHARMACY = "witness.pharmacy.example/w";

    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;
    private static String cosignatures;

    @BeforeAll
    static void start() throws Exception {
        SigningKey regulatorKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        SigningKey pharmacyKey = SigningKey.generate(SignatureAlgorithm.SM2SM3);
        CosignerKey regulator = new CosignerKey(REGULATOR, regulatorKey.verifyingKey());
        CosignerKey pharmacy = new CosignerKey(PHARMACY, pharmacyKey.verifyingKey());
        vertx = Vertx.vertx();
        // the submission URLs are not used by the API: it only names and checks the witnesses
        f = ConsumerFixture.start(vertx, Map.of(
                Witnesses.LIST, "http://127.0.0.1:9/ " + regulator.vkey().encode() + " Provincial Drug Administration,"
                        + "http://127.0.0.1:9/ " + pharmacy.vkey().encode() + " Demo Pharmacy",
                Witnesses.QUORUM, "2"));
        String note;
        try (var c = f.api.db().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT note FROM checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            rs.next();
            note = rs.getString(1);
        }
        long now = System.currentTimeMillis() / 1000;
        String text = SignedNote.text(note);
        cosignatures = Cosignature.sign(text, regulator, regulatorKey, now) + Cosignature.sign(text, pharmacy, pharmacyKey, now + 1);
        publish(cosignatures);
        chromium = HeadlessChromium.start(vertx);
        chromium.call("Network.enable", new JsonObject());
        chromium.call("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (f != null) {
            f.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static final String NEWEST = " WHERE tree_size = (SELECT max(tree_size) FROM checkpoint)";

    /** Publishes the checkpoint with these cosignatures as the anchorer does: its local receipt names the cosigned note. */
    private static void publish(String lines) throws Exception {
        f.sql("UPDATE checkpoint SET cosignatures = ?, receipt = jsonb_set(receipt, '{evidence,noteSha256}', "
                + "to_jsonb(encode(sha256(convert_to(note || ?, 'UTF8')), 'hex')))" + NEWEST, lines, lines);
    }

    /** The stored cosignature lines replaced behind the anchorer's back. */
    private static void store(String lines) throws Exception {
        f.sql("UPDATE checkpoint SET cosignatures = ?" + NEWEST, lines);
    }

    /** The line with one character of its signature changed (past the key id and time: chars 16 on). */
    private static String altered(String line) {
        int at = line.lastIndexOf(' ') + 40;
        char c = line.charAt(at);
        return line.substring(0, at) + (c == 'A' ? 'B' : 'A') + line.substring(at + 1);
    }

    @Test
    void thePageNamesItsCosignersAndEachAlteredCosignatureFailsIt() throws Exception {
        String url = f.api.base() + f.demo.itemPath(0);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(url));
        assertEquals("false", chromium.eval("document.getElementById('pt-cosigners').hidden"));
        assertEquals("Cosigned by: Provincial Drug Administration, Demo Pharmacy Demo Pharmacy: cosigned with SM2, which "
                + "browsers cannot check; the server checked it.", chromium.eval("document.getElementById('pt-cosigners').textContent"));
        chromium.navigate(url + "?lang=zh");
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(chromium.badge()).startsWith("verified|"));
        assertTrue(chromium.eval("document.getElementById('pt-cosigners').textContent")
                .startsWith("联署见证方：Provincial Drug Administration, Demo Pharmacy"));

        // the regulator's Ed25519 cosignature altered in the stored row: the browser's own check fails
        String[] lines = cosignatures.split("(?<=\n)");
        store(altered(lines[0]) + lines[1]);
        String regulatorAltered = chromium.badgeAfterLoad(url);
        LOG.info("regulator's cosignature altered: {}", regulatorAltered);
        assertTrue(regulatorAltered.startsWith("failed|browser|cosignatures: the cosignature of " + REGULATOR + " does not verify"),
                regulatorAltered);
        assertEquals("The independent witnesses' cosignatures of the log checkpoint",
                chromium.eval("document.getElementById('pt-step').textContent"));
        chromium.navigate(url + "?lang=zh");
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(chromium.badge()).startsWith("failed|"));
        assertEquals("独立见证方对日志检查点的联署签名", chromium.eval("document.getElementById('pt-step').textContent"));

        // the pharmacy's SM2 cosignature altered: the server's check says so, and the page fails
        store(lines[0] + altered(lines[1]));
        String pharmacyAltered = chromium.badgeAfterLoad(url);
        LOG.info("pharmacy's cosignature altered: {}", pharmacyAltered);
        assertTrue(pharmacyAltered.startsWith("failed|browser|cosignatures: the server finds that the cosignature of " + PHARMACY),
                pharmacyAltered);

        // one cosignature is below the quorum of 2
        store(lines[0]);
        String belowQuorum = chromium.badgeAfterLoad(url);
        LOG.info("one cosignature of two: {}", belowQuorum);
        assertTrue(belowQuorum.startsWith("failed|browser|cosignatures: cosigned by Provincial Drug Administration: 1 of the quorum of 2"),
                belowQuorum);

        store(cosignatures);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(url));
    }

    @Test
    void theEvidenceBundleAndServerCheckCarryTheWitnesses() throws Exception {
        JsonObject doc = get("/v1/evidence" + f.demo.itemPath(1)).bodyAsJsonObject();
        assertTrue(doc.getJsonObject("checkpoint").getString("note").endsWith(cosignatures), "the note with its cosignature lines");
        JsonObject witnesses = doc.getJsonObject("witnesses");
        assertEquals(2, witnesses.getInteger("quorum"));
        JsonArray keys = witnesses.getJsonArray("keys");
        assertEquals(List.of("Provincial Drug Administration", "Demo Pharmacy"),
                keys.stream().map(k -> ((JsonObject) k).getString("displayName")).toList());
        assertEquals(REGULATOR, keys.getJsonObject(0).getString("name"));
        assertTrue(keys.getJsonObject(0).getString("vkey").startsWith(REGULATOR + "+"));

        JsonObject envelope = doc.getJsonArray("envelopes").getJsonObject(0);
        String proof = "/v1/proofs/" + envelope.getString("device") + "/" + envelope.getLong("seq");
        JsonArray cosigners = get(proof).bodyAsJsonObject().getJsonObject("checkpoint").getJsonArray("cosigners");
        assertEquals(2, cosigners.size(), cosigners.encode());
        assertEquals(new JsonObject().put("name", REGULATOR).put("displayName", "Provincial Drug Administration"),
                new JsonObject().put("name", cosigners.getJsonObject(0).getString("name"))
                        .put("displayName", cosigners.getJsonObject(0).getString("displayName")));

        JsonObject check = get(proof + "/verification").bodyAsJsonObject();
        assertEquals(Boolean.TRUE, check.getBoolean("verified"), check.encodePrettily());
        assertTrue(check.getJsonArray("steps").stream().map(s -> (JsonObject) s)
                .anyMatch(s -> s.getString("name").equals("cosignatures") && s.getBoolean("passed")), check.encodePrettily());
    }

    /** As a regulator: the bundles of events are not public (ProofAccess). */
    private static HttpResponse<Buffer> get(String path) throws Exception {
        HttpResponse<Buffer> r = f.api.request(HttpMethod.GET, path, f.api.token(org.prooftrail.api.auth.ApiRole.REGULATOR, null))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), path + ": " + r.bodyAsString());
        return r;
    }
}
