package org.prooftrail.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.api.testing.TestAnchor;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * The log's health over real HTTP: the newest checkpoint and its age; per witness the last cosignature
 * that verifies (a newer checkpoint without it and a forged line by the other witness change nothing);
 * the last audit run through the API, kept once it has run; regulators only.
 */
class LogHealthRoutesTest {
    private static final TestAnchor ANCHOR = new TestAnchor();
    private static final SigningKey PDA_KEY = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private static final SigningKey SHOP_KEY = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private static final CosignerKey PDA = new CosignerKey("witness.pda.example/w1", PDA_KEY.verifyingKey());
    private static final CosignerKey SHOP = new CosignerKey("witness.shop.example/w", SHOP_KEY.verifyingKey());
    private static Vertx vertx;
    private static ApiHarness api;
    private static long cosignedSize;
    private static long cosignedAt;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(Witnesses.LIST, "http://127.0.0.1:9/ " + PDA.vkey().encode() + " Provincial Drug Administration,"
                        + "http://127.0.0.1:9/ " + SHOP.vkey().encode(), Witnesses.QUORUM, "1"),
                c -> ApiFeatures.all(new ApiContext(c.db(), c.settings(), c.auth(), ANCHOR.logKey(), c.hashAlg(), c.metrics())));
        SignedStore store = new SignedStore(api.db());
        FarmToShelf.store(store);
        cosignedSize = ANCHOR.checkpoint(api.db());
        cosignedAt = Instant.now().getEpochSecond() - 120;
        String text = SignedNote.text(note(cosignedSize));
        // the shop's line carries its name and key id but a broken signature: it must not count
        String forged = "\u2014 " + SHOP.name() + " " + shopLineWithForgedSignature(text);
        sql("UPDATE checkpoint SET cosignatures = ? WHERE tree_size = ?", Cosignature.sign(text, PDA, PDA_KEY, cosignedAt) + forged,
                cosignedSize);
        store.store(store.device("late", "late-gw"), FarmToShelf.object("late", "2026-06-11T06:00:00Z", "OBSERVE",
                "inspecting", FarmToShelf.STORE_1, java.util.List.of(FarmToShelf.C1), java.util.List.of()));
        ANCHOR.checkpoint(api.db()); // newer, cosigned by no one
    }

    /** The shop's key id and a time, with a signature by another key. */
    private static String shopLineWithForgedSignature(String text) {
        String real = Cosignature.sign(text, SHOP, SHOP_KEY, cosignedAt);
        String blob = real.substring(real.lastIndexOf(' ') + 1).trim();
        byte[] b = java.util.Base64.getDecoder().decode(blob);
        b[b.length - 1] ^= 1;
        return java.util.Base64.getEncoder().encodeToString(b) + "\n";
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String note(long size) throws Exception {
        try (Connection c = api.db().connection(); PreparedStatement st = c.prepareStatement("SELECT note FROM checkpoint WHERE tree_size = ?")) {
            st.setLong(1, size);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void sql(String sql, Object... args) throws Exception {
        try (Connection c = api.db().connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }

    private static HttpResponse<Buffer> get(String path, String token) throws Exception {
        return api.request(HttpMethod.GET, path, token).send().await(30, TimeUnit.SECONDS);
    }

    @Test
    void checkpointWitnessesAndTheLastAudit() throws Exception {
        String regulator = api.token(ApiRole.REGULATOR, null);
        JsonObject before = get("/v1/log/health", regulator).bodyAsJsonObject();
        JsonObject cp = before.getJsonObject("checkpoint");
        assertTrue(cp.getLong("treeSize") > cosignedSize, before.encodePrettily());
        assertEquals(64, cp.getString("root").length());
        assertTrue(cp.getLong("ageSeconds") >= 0 && cp.getLong("ageSeconds") < 600);
        assertNull(before.getJsonObject("awaitingWitnesses"));

        JsonObject witnesses = before.getJsonObject("witnesses");
        assertEquals(1, witnesses.getInteger("quorum"));
        JsonArray list = witnesses.getJsonArray("list");
        JsonObject pda = list.getJsonObject(0);
        assertEquals("Provincial Drug Administration", pda.getString("displayName"));
        JsonObject last = pda.getJsonObject("lastCosignature");
        assertEquals(cosignedSize, last.getLong("treeSize"));
        assertEquals(Instant.ofEpochSecond(cosignedAt).toString(), last.getString("time"));
        assertTrue(last.getLong("ageSeconds") >= 120);
        JsonObject shop = list.getJsonObject(1);
        assertEquals(SHOP.name(), shop.getString("displayName"));
        assertNull(shop.getJsonObject("lastCosignature"), "a line that does not verify is no cosignature");
        assertNull(before.getValue("lastAudit"));

        assertEquals(200, get("/v1/audit?checkpoints=2", regulator).statusCode());
        JsonObject audit = get("/v1/log/health", regulator).bodyAsJsonObject().getJsonObject("lastAudit");
        assertEquals("recent", audit.getString("scope"));
        assertTrue(audit.getBoolean("passed"), audit.encodePrettily());
        assertTrue(audit.getLong("envelopes") > 0);
        assertEquals(0, audit.getInteger("problemCount"));
        assertFalse(audit.getString("ranBy").isBlank());

        sql("UPDATE envelope SET jws = jws || '\\x20'::bytea WHERE id = (SELECT max(id) FROM envelope)");
        assertEquals(200, get("/v1/audit?full=true", regulator).statusCode());
        JsonObject failed = get("/v1/log/health", regulator).bodyAsJsonObject().getJsonObject("lastAudit");
        assertEquals("full", failed.getString("scope"));
        assertFalse(failed.getBoolean("passed"));
        assertTrue(failed.getInteger("problemCount") > 0);
        assertFalse(failed.getJsonArray("problems").isEmpty());
    }

    @Test
    void companiesMayNotAsk() throws Exception {
        assertEquals(403, get("/v1/log/health", api.token(ApiRole.COMPANY, FarmToShelf.STORE)).statusCode());
        assertEquals(401, api.client().request(HttpMethod.GET, "/v1/log/health").send().await(10, TimeUnit.SECONDS).statusCode());
    }
}
