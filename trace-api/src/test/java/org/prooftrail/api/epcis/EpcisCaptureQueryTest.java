package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.SGLN1;
import static org.prooftrail.api.epcis.EpcisFixtures.SGLN2;
import static org.prooftrail.api.epcis.EpcisFixtures.SSCC;
import static org.prooftrail.api.epcis.EpcisFixtures.get;
import static org.prooftrail.api.epcis.EpcisFixtures.id;
import static org.prooftrail.api.epcis.EpcisFixtures.ids;
import static org.prooftrail.api.epcis.EpcisFixtures.sgtin;

import com.networknt.schema.Schema;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.registry.Organisations;

/**
 * One document with all five event types captured over real HTTP, stored as signed envelopes in a
 * chunk, and queried back with every supported parameter: each query must return exactly the events
 * that match, and every answer must validate against GS1's EPCIS 2.0 schema.
 */
class EpcisCaptureQueryTest {
    private static final String TAG = "roundtrip";
    private static final String P = EpcisFixtures.prefix(TAG);
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static ApiHarness api;
    private static SigningKey serverKey;
    private static String company;
    private static String regulator;
    private static JsonObject job;
    private static Schema schema;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        serverKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        Path keyFile = dir.resolve("api-signing.pem");
        KeyFiles.writePrivate(keyFile, serverKey);
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString()));
        new Organisations(api.db().dataSource()).ensure("farm-a", "Farm A");
        company = api.token(ApiRole.COMPANY, "farm-a");
        regulator = api.token(ApiRole.REGULATOR, null);
        schema = EpcisFixtures.gs1Schema();
        job = EpcisFixtures.capture(api, company, EpcisFixtures.document(TAG));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** eventIDs answered for a query string, after checking the answer against GS1's schema. */
    private static List<String> query(String params) throws Exception {
        HttpResponse<Buffer> r = get(api, company, "/epcis/events?" + params);
        assertEquals(200, r.statusCode(), params + ": " + r.bodyAsString());
        assertSchemaValid(r.body());
        return ids(r);
    }

    private static void assertSchemaValid(Buffer body) throws Exception {
        if (schema == null) {
            EpcisFixtures.noteSchemaAbsent();
            return;
        }
        var errors = EpcisFixtures.validate(schema, body);
        assertTrue(errors.isEmpty(), () -> errors + " in " + body);
    }

    private static List<String> ev(int... n) {
        List<String> out = new ArrayList<>();
        for (int i : n) {
            out.add(id(TAG, i));
        }
        return out;
    }

    @Test
    void captureJobSucceedsWithTheBindingsFields() {
        assertEquals(true, job.getBoolean("success"), job.encode());
        assertEquals(false, job.getBoolean("running"));
        assertEquals("rollback", job.getString("captureErrorBehaviour"));
        assertTrue(job.getJsonArray("errors").isEmpty());
        assertNotNull(job.getString("finishedAt"));
        assertEquals(5, job.getInteger("eventCount"));
    }

    @Test
    void theSampleDocumentIsValidForGs1Too() throws Exception {
        assertSchemaValid(EpcisFixtures.document(TAG).toBuffer());
    }

    @Test
    void allEventsRoundTripAsCapturedWithRecordTime() throws Exception {
        List<String> all = query("orderBy=eventTime&orderDirection=ASC");
        assertEquals(ev(1, 2, 3, 4, 5), all);
        HttpResponse<Buffer> r = get(api, company, "/epcis/events?orderBy=eventTime&orderDirection=ASC");
        var sent = EpcisFixtures.document(TAG).getJsonObject("epcisBody").getJsonArray("eventList");
        var got = r.bodyAsJsonObject().getJsonObject("epcisBody").getJsonObject("queryResults")
                .getJsonObject("resultsBody").getJsonArray("eventList");
        for (int i = 0; i < 5; i++) {
            JsonObject back = got.getJsonObject(i).copy();
            assertNotNull(back.remove("recordTime"), "recordTime of event " + i);
            assertEquals(sent.getJsonObject(i), back, "event " + i + " comes back as captured");
        }
        assertEquals("2.0.0", r.getHeader("GS1-EPCIS-Version"));
    }

    @Test
    void eachParameterMatchesWhatItShouldAndNothingElse() throws Exception {
        assertEquals(ev(1), query("eventType=ObjectEvent"));
        assertEquals(ev(5, 4), query("eventType=TransformationEvent,AssociationEvent"));
        assertEquals(ev(5, 4, 3), query("GE_eventTime=" + enc("2025-06-01T03:00:00Z")));
        assertEquals(ev(), query("GE_eventTime=" + enc("2025-06-01T05:00:01Z")));
        assertEquals(ev(2, 1), query("LT_eventTime=" + enc("2025-06-01T11:00:00+08:00")));
        assertEquals(ev(), query("LT_eventTime=" + enc("2025-06-01T01:00:00Z")));
        assertEquals(ev(3), query("EQ_bizStep=shipping"));
        assertEquals(ev(3), query("EQ_bizStep=" + enc("urn:epcglobal:cbv:bizstep:shipping")));
        assertEquals(ev(), query("EQ_bizStep=receiving"));
        assertEquals(ev(3), query("EQ_disposition=in_transit"));
        assertEquals(ev(4, 1), query("EQ_disposition=active"));
        assertEquals(ev(), query("EQ_disposition=recalled"));
        assertEquals(ev(3), query("EQ_readPoint=" + enc(SGLN2)));
        assertEquals(ev(), query("EQ_readPoint=" + enc("urn:epc:id:sgln:4012345.00009.0")));
        assertEquals(ev(1), query("EQ_bizLocation=" + enc(SGLN1)));
        assertEquals(ev(), query("EQ_bizLocation=" + enc(SGLN2)));
        assertEquals(ev(2, 1), query("MATCH_epc=" + enc(sgtin(P, 1))));
        assertEquals(ev(), query("MATCH_epc=" + enc(SSCC + P)));
        assertEquals(ev(2), query("MATCH_anyEPC=" + enc(SSCC + P)));
        assertEquals(ev(4), query("MATCH_anyEPC=" + enc(sgtin(P, 5))));
        assertEquals(ev(4, 3), query("MATCH_anyEPC=" + enc(sgtin(P, 3) + "," + sgtin(P, 4))));
        assertEquals(ev(), query("MATCH_anyEPC=" + enc(sgtin(P, 99))));
        assertEquals(ev(2), query("MATCH_parentID=" + enc(SSCC + P)));
        assertEquals(ev(), query("MATCH_parentID=" + enc(sgtin(P, 1))));
        assertEquals(ev(3), query("EQ_eventID=" + enc(id(TAG, 3))));
        assertEquals(ev(3, 2, 1), query("MATCH_epc=" + enc("urn:epc:idpat:sgtin:4012345." + P + ".*")));
        assertEquals(ev(4, 3, 2, 1), query("MATCH_anyEPC=" + enc("urn:epc:idpat:sgtin:4012345.*.*")));
        assertEquals(ev(), query("MATCH_anyEPC=" + enc("urn:epc:idpat:sgtin:4012345.999999.*")));
        assertEquals(ev(4), query("MATCH_outputEPC=" + enc("urn:epc:idpat:sgtin:4012345." + P + ".5")));
        assertEquals(ev(4), query("MATCH_inputEPC=" + enc(sgtin(P, 4))));
        assertEquals(ev(1), query("MATCH_epcClass=" + enc("urn:epc:class:lgtin:4012345." + P + ".L1")));
        assertEquals(ev(1), query("EQ_action=ADD&eventType=ObjectEvent"));
        assertEquals(ev(), query("EQ_action=DELETE"));
    }

    @Test
    void sensorFiltersLookInsideSensorReports() throws Exception {
        assertEquals(ev(1), query("EQ_type=Temperature&GT_maxValue_CEL=9"));
        assertEquals(ev(), query("EQ_type=Temperature&GT_maxValue_CEL=9.5"));
        assertEquals(ev(1), query("GE_maxValue_CEL=9.5"));
        assertEquals(ev(1), query("LT_minValue_CEL=4"));
        assertEquals(ev(), query("LE_minValue_CEL=2.9"));
        assertEquals(ev(), query("GT_maxValue_FAH=9"));
        assertEquals(ev(1), query("EQ_type=RelativeHumidity&EQ_value_P1=40"));
        // Type and value must hold for one and the same report: humidity is not in CEL.
        assertEquals(ev(), query("EQ_type=RelativeHumidity&GT_maxValue_CEL=9"));
        assertEquals(ev(), query("EQ_type=Speed"));
        assertEquals(ev(1), query("EQ_type=" + enc("gs1:Temperature")));
    }

    @Test
    void orderAndCountLimit() throws Exception {
        assertEquals(ev(5, 4, 3, 2, 1), query("orderBy=eventTime&orderDirection=DESC"));
        assertEquals(ev(1, 2, 3), query("orderBy=eventTime&orderDirection=ASC&eventCountLimit=3"));
        assertEquals(5, query("orderBy=recordTime").size());
        // eventCountLimit spans pages: 2 then 1, then no next link
        HttpResponse<Buffer> first = get(api, company, "/epcis/events?orderDirection=ASC&orderBy=eventTime&eventCountLimit=3&perPage=2");
        assertEquals(ev(1, 2), ids(first));
        HttpResponse<Buffer> second = get(api, company, next(first).orElseThrow());
        assertEquals(ev(3), ids(second));
        assertTrue(next(second).isEmpty(), "no next page past eventCountLimit");
    }

    @Test
    void threePagesReturnEveryEventOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        String uri = "/epcis/events?perPage=2&orderBy=eventTime";
        int pages = 0;
        while (uri != null) {
            HttpResponse<Buffer> r = get(api, regulator, uri);
            assertSchemaValid(r.body());
            seen.addAll(ids(r));
            pages++;
            uri = next(r).orElse(null);
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size());
        assertEquals(ev(5, 4, 3, 2, 1), seen);
    }

    @Test
    void eventByIdAndEventsByEpc() throws Exception {
        HttpResponse<Buffer> r = get(api, company, "/epcis/events/" + enc(id(TAG, 2)));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("AggregationEvent", r.bodyAsJsonObject().getString("type"));
        assertSchemaValid(r.body());
        EpcisFixtures.assertProblem(get(api, company, "/epcis/events/" + enc("urn:uuid:no-such-event")), 404);

        HttpResponse<Buffer> byEpc = get(api, company, "/epcis/epcs/" + enc(sgtin(P, 1)) + "/events");
        assertSchemaValid(byEpc.body());
        assertEquals(ev(2, 1), ids(byEpc));
        HttpResponse<Buffer> page = get(api, company, "/epcis/epcs/" + enc(sgtin(P, 1)) + "/events?perPage=1");
        assertEquals(ev(2), ids(page));
        assertEquals(ev(1), ids(get(api, company, next(page).orElseThrow())));
        assertEquals(ev(), ids(get(api, company, "/epcis/epcs/" + enc(sgtin(P, 77)) + "/events")));
    }

    @Test
    void capturedEventsAreSignedEnvelopesInOneChunk() throws Exception {
        long chunk = job.getLong("chunk");
        String device = "farm-a.epcis-api";
        List<byte[]> jws = new ArrayList<>();
        try (Connection c = api.db().connection()) {
            try (PreparedStatement st = c.prepareStatement("SELECT size FROM chunk WHERE id = ?")) {
                st.setLong(1, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next(), "chunk " + chunk + " exists");
                    assertEquals(5, rs.getInt(1));
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT en.jws, en.kind, en.device_id, ev.event_id, d.kind, "
                    + "coalesce(en.disclosures, '{}') "
                    + "FROM envelope en JOIN epcis_event ev ON ev.envelope_id = en.id JOIN device d ON d.id = en.device_id "
                    + "WHERE en.chunk_id = ? ORDER BY en.leaf_index")) {
                st.setLong(1, chunk);
                try (ResultSet rs = st.executeQuery()) {
                    int i = 0;
                    while (rs.next()) {
                        i++;
                        // an SD-JWT: the issuer-signed JWT, then the disclosures stored apart from it
                        StringBuilder sdJwt = new StringBuilder(new String(rs.getBytes(1), StandardCharsets.US_ASCII)).append('~');
                        for (String d : (String[]) rs.getArray(6).getArray()) {
                            sdJwt.append(d).append('~');
                        }
                        jws.add(sdJwt.toString().getBytes(StandardCharsets.US_ASCII));
                        assertEquals("event", rs.getString(2));
                        assertEquals(device, rs.getString(3));
                        assertEquals(id(TAG, i), rs.getString(4));
                        assertEquals("api", rs.getString(5), "the pseudo-device is marked as server-attested");
                    }
                    assertEquals(5, i);
                }
            }
        }
        // The stored bytes verify, with the same verifier ingest uses, under the server's key only.
        String kidPrefix = device + "#";
        EnvelopeVerifier verifier = new EnvelopeVerifier(kid -> kid.startsWith(kidPrefix)
                ? Optional.of(DeviceKey.active(kid, device, serverKey.verifyingKey())) : Optional.empty());
        long seq = -1;
        for (byte[] raw : jws) {
            VerificationResult v = verifier.verify(raw);
            assertTrue(v instanceof VerifiedEnvelope, v.toString());
            VerifiedEnvelope env = (VerifiedEnvelope) v;
            assertEquals(device, env.dev());
            assertFalse(env.disclosures().isEmpty(), "captured events are SD-JWTs");
            assertTrue(env.seq() > seq, "seq grows");
            seq = env.seq();
        }
        EnvelopeVerifier other = new EnvelopeVerifier(kid -> Optional.of(DeviceKey.active(kid, device,
                SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey())));
        assertFalse(other.verify(jws.get(0)) instanceof VerifiedEnvelope, "another key does not verify it");
    }

    @Test
    void optionsAdvertisesTheCaptureLimits() throws Exception {
        HttpResponse<Buffer> r = api.request(io.vertx.core.http.HttpMethod.OPTIONS, "/epcis/capture", null).send()
                .await(10, TimeUnit.SECONDS);
        assertEquals(204, r.statusCode());
        assertEquals("10000", r.getHeader("GS1-EPCIS-Capture-Limit"));
        assertNotNull(r.getHeader("GS1-EPCIS-Capture-File-Size-Limit"));
        assertNull(r.getHeader("content-type"));
    }

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    static Optional<String> next(HttpResponse<Buffer> r) {
        String link = r.getHeader("Link");
        if (link == null) {
            return Optional.empty();
        }
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find(), link);
        return Optional.of(m.group(1));
    }
}
