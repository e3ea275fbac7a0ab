package org.prooftrail.api.epcis;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.proof.BundleDisclosures;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.store.registry.Organisations;

/**
 * Each organisation's stored disclosure policy: read by its company, regulators and admins (the default,
 * marked, until one is stored), replaced only by its company and never concealing what places an event;
 * a capture conceals by the capturing organisation's policy, and a bundle for a caller who may not read
 * the envelope whole carries what the owner's policy publishes now.
 */
class DisclosurePolicyApiTest {
    private static final String FRESH = "dp-fresh";
    private static final String EDITOR = "dp-editor";
    private static final String OPEN = "dp-open";
    private static final String PLAIN = "dp-plain";
    private static final String RIVAL = "dp-rival";
    private static final String LOG = "test.prooftrail.local/log";

    private static Vertx vertx;
    private static ApiHarness api;
    private static SigningKey logKey;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        logKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        api = ApiHarness.start(vertx, Map.of(), c -> ApiFeatures.all(new ApiContext(c.db(), c.settings(), c.auth(),
                new LogKey(LOG, logKey.verifyingKey()), c.hashAlg(), c.metrics())));
        Organisations orgs = new Organisations(api.db().dataSource());
        for (String org : List.of(FRESH, EDITOR, OPEN, PLAIN, RIVAL)) {
            orgs.ensure(org, "Org " + org);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void anOrganisationWithoutAStoredPolicyIsAnsweredTheDefault() throws Exception {
        HttpResponse<Buffer> r = get(company(FRESH), FRESH);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject p = r.bodyAsJsonObject();
        assertTrue(p.getBoolean("default"), p.encode());
        JsonArray members = p.getJsonArray("publicMembers");
        assertTrue(members.contains("bizStep") && members.contains("readPoint") && !members.contains("bizTransactionList"), p.encode());
        assertTrue(p.getJsonArray("publicIlmdMembers").contains("cbvmda:lotNumber") && p.getBoolean("publicQuantityClasses"), p.encode());
        assertNull(p.getValue("updatedBy"));
    }

    @Test
    void theOwnerStoresAPolicyAndReadsItBack() throws Exception {
        JsonObject policy = policy("bizStep", "ex:grade").put("publicIlmdMembers", new JsonArray().add("cbvmda:lotNumber"))
                .put("publicQuantityClasses", false);
        HttpResponse<Buffer> put = put(company(EDITOR), EDITOR, policy);
        assertEquals(200, put.statusCode(), put.bodyAsString());
        JsonObject read = get(company(EDITOR), EDITOR).bodyAsJsonObject();
        assertFalse(read.getBoolean("default"), read.encode());
        assertEquals(new JsonArray(List.of("bizStep", "eventTime", "eventTimeZoneOffset", "ex:grade", "type")),
                read.getJsonArray("publicMembers"));
        assertEquals(new JsonArray(List.of("cbvmda:lotNumber")), read.getJsonArray("publicIlmdMembers"));
        assertFalse(read.getBoolean("publicQuantityClasses"));
        assertTrue(read.getString("updatedBy") != null && read.getString("updatedAt") != null, read.encode());

        HttpResponse<Buffer> regulator = get(api.token(ApiRole.REGULATOR, null), EDITOR);
        assertEquals(200, regulator.statusCode(), regulator.bodyAsString());
        assertEquals(read.getJsonArray("publicMembers"), regulator.bodyAsJsonObject().getJsonArray("publicMembers"));
    }

    @Test
    void anotherCompanyNeitherReadsNorWritesItAndARegulatorOnlyReads() throws Exception {
        assertEquals(403, get(company(RIVAL), EDITOR).statusCode());
        assertEquals(403, put(company(RIVAL), EDITOR, policy("bizTransactionList")).statusCode());
        assertEquals(403, put(api.token(ApiRole.REGULATOR, null), EDITOR, policy("bizTransactionList")).statusCode());
        assertEquals(200, get(api.token(ApiRole.ADMIN, null), EDITOR).statusCode());
    }

    @Test
    void aPolicyMayNotConcealEventTimeNorNameUnknownMembers() throws Exception {
        JsonObject withoutTime = new JsonObject().put("publicMembers", new JsonArray().add("type").add("eventTimeZoneOffset"))
                .put("publicIlmdMembers", new JsonArray()).put("publicQuantityClasses", true);
        HttpResponse<Buffer> r = put(company(FRESH), FRESH, withoutTime);
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("eventTime", r.bodyAsJsonObject().getString("field"), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("eventTime"), r.bodyAsString());

        HttpResponse<Buffer> unknown = put(company(FRESH), FRESH, policy("purchaseOrder"));
        assertEquals(400, unknown.statusCode(), unknown.bodyAsString());
        assertEquals("publicMembers", unknown.bodyAsJsonObject().getString("field"), unknown.bodyAsString());
        HttpResponse<Buffer> ilmd = put(company(FRESH), FRESH, policy().put("publicIlmdMembers", new JsonArray().add("grade")));
        assertEquals(400, ilmd.statusCode(), ilmd.bodyAsString());
        assertTrue(get(company(FRESH), FRESH).bodyAsJsonObject().getBoolean("default"), "nothing stored");
    }

    @Test
    void aCaptureConcealsByTheCapturingOrganisationsPolicy() throws Exception {
        assertEquals(200, put(company(OPEN), OPEN, policy("action", "bizStep", "disposition", "readPoint",
                "bizLocation", "bizTransactionList")).statusCode());
        assertTrue(EpcisFixtures.capture(api, company(OPEN), EpcisFixtures.document("dp-open")).getBoolean("success"));
        assertTrue(EpcisFixtures.capture(api, company(PLAIN), EpcisFixtures.document("dp-plain")).getBoolean("success"));

        // seq 2 of the fixture is the TransactionEvent with a purchase order
        EpcisFixtures.StoredSdJwt open = EpcisFixtures.stored(api, ServerAttestation.deviceFor(OPEN), 2);
        JsonArray transactions = open.signedPayload().getJsonObject("event").getJsonArray("bizTransactionList");
        assertTrue(transactions != null && transactions.encode().contains("PO-" + EpcisFixtures.prefix("dp-open")),
                open.signedPayload().encode());
        assertFalse(names(open.disclosures()).contains("bizTransactionList"), names(open.disclosures()).toString());
        assertTrue(names(open.disclosures()).contains("eventID"), "a member the policy leaves out is concealed whole");

        EpcisFixtures.StoredSdJwt plain = EpcisFixtures.stored(api, ServerAttestation.deviceFor(PLAIN), 2);
        assertNull(plain.signedPayload().getJsonObject("event").getValue("bizTransactionList"), plain.signedPayload().encode());
        assertTrue(names(plain.disclosures()).contains("bizTransactionList"), names(plain.disclosures()).toString());
    }

    @Test
    void aBundleForOthersCarriesWhatTheOwnersPolicyPublishesNow() throws Exception {
        String owner = "dp-bundle";
        new Organisations(api.db().dataSource()).ensure(owner, "Org " + owner);
        assertTrue(EpcisFixtures.capture(api, company(owner), EpcisFixtures.document(owner)).getBoolean("success"));
        AnchorStep.once(api.db().dataSource(), LOG, logKey, "sha256");
        String device = ServerAttestation.deviceFor(owner);
        // seq 0: the ObjectEvent whose quantity entry conceals quantity and uom under the default
        assertFalse(shownToOthers(device, 0).contains("quantity"), "the default publishes no quantity");

        JsonObject publishing = policy("action", "bizStep", "disposition", "readPoint", "bizLocation", "quantityList");
        assertEquals(200, put(company(owner), owner, publishing).statusCode());
        List<String> shown = shownToOthers(device, 0);
        assertTrue(shown.containsAll(List.of("quantity", "uom")), shown.toString());
        assertFalse(shown.contains("eventID") || shown.contains("sensorMetadata"), shown.toString());
        assertTrue(shownToOthers(device, 2).stream().noneMatch("bizTransactionList"::equals));
    }

    /** The names of the disclosures a bundle carries to a caller who may not read the envelope whole. */
    private static List<String> shownToOthers(String device, long seq) throws Exception {
        try (Connection c = api.db().connection()) {
            var bundle = ProofBundles.forEnvelope(c, device, seq, null, Map.of(), BundleDisclosures.PUBLIC_BY_POLICY)
                    .orElseThrow(() -> new AssertionError("bundle of " + device + "/" + seq));
            return names(bundle.envelope().disclosures());
        }
    }

    private static List<String> names(List<String> disclosures) throws Exception {
        List<String> out = new ArrayList<>();
        for (String d : disclosures) {
            String name = Disclosure.parse(d).name();
            out.add(name == null ? "element:" + new String(Base64.getUrlDecoder().decode(d), UTF_8) : name);
        }
        return out;
    }

    /** The default's three fixed members, the ILMD default and quantity classes, with {@code members} public too. */
    private static JsonObject policy(String... members) {
        JsonArray list = new JsonArray().add("type").add("eventTime").add("eventTimeZoneOffset");
        for (String m : members) {
            list.add(m);
        }
        return new JsonObject().put("publicMembers", list)
                .put("publicIlmdMembers", new JsonArray().add("cbvmda:lotNumber").add("cbvmda:itemExpirationDate"))
                .put("publicQuantityClasses", true);
    }

    private static String company(String org) {
        return api.token(ApiRole.COMPANY, org);
    }

    private static HttpResponse<Buffer> get(String token, String org) throws Exception {
        return api.request(HttpMethod.GET, "/v1/orgs/" + org + "/disclosure-policy", token).send().await(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> put(String token, String org, JsonObject body) throws Exception {
        return api.request(HttpMethod.PUT, "/v1/orgs/" + org + "/disclosure-policy", token).sendJsonObject(body)
                .await(30, TimeUnit.SECONDS);
    }
}
