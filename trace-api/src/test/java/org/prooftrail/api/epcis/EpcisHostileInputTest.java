package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertClientProblem;
import static org.prooftrail.api.epcis.EpcisFixtures.get;
import static org.prooftrail.api.epcis.EpcisFixtures.ids;
import static org.prooftrail.api.epcis.EpcisFixtures.post;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * Hostile input is answered with a 4xx problem, never a server error, and changes nothing: SQL
 * metacharacters in every string parameter, very long parameters, deeply nested JSON, bytes that
 * are not UTF-8, and forged or borrowed page tokens.
 */
class EpcisHostileInputTest {
    private static final String SQL = "x' OR '1'='1'; DROP TABLE epcis_event; --";
    private static final List<String> STRING_PARAMETERS = List.of("eventType", "GE_eventTime", "LT_eventTime",
            "GE_recordTime", "LT_recordTime", "EQ_action", "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation",
            "EQ_eventID", "MATCH_epc", "MATCH_anyEPC", "MATCH_parentID", "MATCH_inputEPC", "MATCH_outputEPC",
            "MATCH_epcClass", "EQ_type", "GT_maxValue_CEL", "LE_minValue_CEL", "orderBy", "orderDirection",
            "eventCountLimit", "perPage", "nextPageToken");
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;
    private static String other;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        DeviceRegistry registry = new DeviceRegistry(api.db().dataSource());
        Organisations orgs = new Organisations(api.db().dataSource());
        orgs.ensure("dairy", "Dairy");
        orgs.ensure("mill", "Mill");
        company = api.token(ApiRole.COMPANY, "dairy");
        other = api.token(ApiRole.COMPANY, "mill");
        assertTrue(EpcisFixtures.capture(api, company, EpcisFixtures.document("hostile")).getBoolean("success"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static long events() throws Exception {
        try (Connection c = api.db().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM epcis_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sqlMetacharactersInEveryStringParameter() throws Exception {
        for (String name : STRING_PARAMETERS) {
            assertClientProblem(get(api, company, "/epcis/events?" + name + "=" + enc(SQL)), name);
        }
        assertClientProblem(get(api, company, "/epcis/events/" + enc(SQL)), "eventID");
        assertClientProblem(get(api, company, "/epcis/epcs/" + enc(SQL) + "/events"), "epc");
        assertClientProblem(get(api, company, "/epcis/capture/" + enc(SQL)), "captureID");
        assertClientProblem(post(api, company, "/epcis/capture?org=" + enc(SQL), "application/json",
                EpcisFixtures.document("sql").toBuffer()), "org");
        assertClientProblem(get(api, company, "/epcis/events?" + enc(SQL) + "=1"), "parameter name");
        assertEquals(5, events(), "the table is still there, unchanged");
    }

    @Test
    void tenThousandCharacterParameters() throws Exception {
        String longValue = "urn:epc:id:sgtin:" + "1".repeat(10_000);
        for (String name : List.of("EQ_bizStep", "MATCH_epc", "GT_maxValue_CEL", "nextPageToken", "EQ_type")) {
            assertClientProblem(get(api, company, "/epcis/events?" + name + "=" + longValue), name);
        }
        assertClientProblem(get(api, company, "/epcis/events/" + longValue), "eventID");
        assertClientProblem(get(api, company, "/epcis/epcs/" + longValue + "/events"), "epc");
        assertClientProblem(get(api, company, "/epcis/events?" + "X".repeat(10_000) + "=1"), "name");
    }

    @Test
    void jsonNestedTenThousandDeep() throws Exception {
        String deep = "{\"type\":\"EPCISDocument\",\"epcisBody\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        HttpResponse<Buffer> r = post(api, company, "/epcis/capture", "application/json", Buffer.buffer(deep));
        assertClientProblem(r, "deep JSON");
        assertTrue(r.bodyAsJsonObject().getString("detail").contains("depth"), r.bodyAsString());
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertClientProblem(post(api, company, "/epcis/capture", "application/ld+json", Buffer.buffer(deepObjects)), "deep objects");
        assertEquals(5, events());
    }

    @Test
    void invalidUtf8InTheBody() throws Exception {
        byte[] doc = EpcisFixtures.document("utf8").encode().getBytes(StandardCharsets.UTF_8);
        String text = new String(doc, StandardCharsets.UTF_8);
        int at = text.indexOf("commissioning");
        byte[] bad = new byte[doc.length + 2];
        System.arraycopy(doc, 0, bad, 0, at);
        bad[at] = (byte) 0xC0; // overlong encoding of '/'
        bad[at + 1] = (byte) 0xAF;
        System.arraycopy(doc, at, bad, at + 2, doc.length - at);
        HttpResponse<Buffer> r = post(api, company, "/epcis/capture", "application/json", Buffer.buffer(bad));
        assertClientProblem(r, "invalid UTF-8");
        assertTrue(r.bodyAsJsonObject().getString("detail").contains("UTF-8"), r.bodyAsString());
        assertClientProblem(post(api, company, "/epcis/capture", "application/json", Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xFE})),
                "garbage");
        assertClientProblem(post(api, company, "/epcis/capture", "application/json", Buffer.buffer("{\"type\":")), "truncated");
        assertClientProblem(post(api, company, "/epcis/capture", "application/json", Buffer.buffer()), "empty");
        assertEquals(5, events());
    }

    @Test
    void forgedOrBorrowedPageTokens() throws Exception {
        HttpResponse<Buffer> first = get(api, company, "/epcis/events?perPage=2");
        assertEquals(2, ids(first).size());
        String next = EpcisCaptureQueryTest.next(first).orElseThrow();
        String token = next.substring(next.indexOf("nextPageToken=") + "nextPageToken=".length());
        assertEquals(200, get(api, company, next).statusCode(), "the real token works");

        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[3] ^= 1; // move the cursor
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertClientProblem(get(api, company, "/epcis/events?perPage=2&nextPageToken=" + altered), "altered token");
        assertClientProblem(get(api, company, "/epcis/events?perPage=2&nextPageToken=AAAA"), "forged token");
        assertClientProblem(get(api, company, "/epcis/events?perPage=2&nextPageToken=" + enc("not base64 !")), "garbage token");
        // valid token, but for another query or another caller
        assertClientProblem(get(api, company, "/epcis/events?perPage=2&eventType=ObjectEvent&nextPageToken=" + token), "other query");
        assertClientProblem(get(api, other, "/epcis/events?perPage=2&nextPageToken=" + token), "other caller");
    }

    @Test
    void unsupportedEpcisParametersAreNamed() throws Exception {
        HttpResponse<Buffer> r = get(api, company, "/epcis/events?EQ_persistentDisposition_set=active&WD_readPoint=urn:x:y");
        assertClientProblem(r, "unsupported");
        String detail = r.bodyAsJsonObject().getString("detail");
        assertTrue(detail.contains("EQ_persistentDisposition_set") && detail.contains("WD_readPoint"), detail);
        assertClientProblem(get(api, company, "/epcis/events?eventType=ObjectEvent&eventType=AggregationEvent"), "repeated");
        assertClientProblem(get(api, company, "/epcis/events?perPage=100000"), "perPage");
        assertClientProblem(get(api, company, "/epcis/events?MATCH_epc=" + enc("urn:epc:idpat:sgtin:40*12.(.*)")), "bad pattern");
        assertEquals(List.of(), ids(get(api, company, "/epcis/events?MATCH_epc=" + enc("urn:epc:idpat:sgtin:4012345.(.+).*"))),
                "regex characters in a pattern's fields are literal");
    }
}
