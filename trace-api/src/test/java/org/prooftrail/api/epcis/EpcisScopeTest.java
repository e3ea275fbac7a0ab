package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertProblem;
import static org.prooftrail.api.epcis.EpcisFixtures.get;
import static org.prooftrail.api.epcis.EpcisFixtures.id;
import static org.prooftrail.api.epcis.EpcisFixtures.ids;
import static org.prooftrail.api.epcis.EpcisFixtures.post;
import static org.prooftrail.api.epcis.EpcisFixtures.sgtin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * Organisation scope: a company reads and captures only its own organisation's events and jobs,
 * another's look exactly like missing ones (404, never 403, so existence is not revealed); a
 * regulator reads everything and captures nothing.
 */
class EpcisScopeTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static String a;
    private static String b;
    private static String regulator;
    private static String jobOfB;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        DeviceRegistry registry = new DeviceRegistry(api.db().dataSource());
        Organisations orgs = new Organisations(api.db().dataSource());
        orgs.ensure("org-a", "A");
        orgs.ensure("org-b", "B");
        a = api.token(ApiRole.COMPANY, "org-a");
        b = api.token(ApiRole.COMPANY, "org-b");
        regulator = api.token(ApiRole.REGULATOR, null);
        assertTrue(EpcisFixtures.capture(api, a, EpcisFixtures.document("A")).getBoolean("success"));
        JsonObject jobB = EpcisFixtures.capture(api, b, EpcisFixtures.document("B"));
        assertTrue(jobB.getBoolean("success"));
        jobOfB = jobB.getString("captureID");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Test
    void companySeesOnlyItsOwnEvents() throws Exception {
        List<String> seen = ids(get(api, a, "/epcis/events?perPage=100"));
        assertEquals(5, seen.size());
        assertTrue(seen.stream().allMatch(e -> e.startsWith(id("A", 1).substring(0, id("A", 1).length() - 6))), seen.toString());
        assertEquals(List.of(), ids(get(api, a, "/epcis/events?EQ_eventID=" + enc(id("B", 1)))));
        assertEquals(List.of(), ids(get(api, a, "/epcis/epcs/" + enc(sgtin(EpcisFixtures.prefix("B"), 1)) + "/events")));
    }

    @Test
    void anotherCompanysEventIsNotFoundNotForbidden() throws Exception {
        HttpResponse<Buffer> theirs = get(api, a, "/epcis/events/" + enc(id("B", 1)));
        HttpResponse<Buffer> missing = get(api, a, "/epcis/events/" + enc("urn:uuid:00000000-0000-4000-8000-000000000000"));
        assertProblem(theirs, 404);
        assertProblem(missing, 404);
        assertEquals(200, get(api, b, "/epcis/events/" + enc(id("B", 1))).statusCode());
        assertProblem(get(api, a, "/epcis/capture/" + jobOfB), 404);
        assertEquals(200, get(api, b, "/epcis/capture/" + jobOfB).statusCode());
    }

    @Test
    void regulatorSeesBoth() throws Exception {
        assertEquals(10, ids(get(api, regulator, "/epcis/events?perPage=100")).size());
        assertEquals(200, get(api, regulator, "/epcis/events/" + enc(id("A", 2))).statusCode());
        assertEquals(200, get(api, regulator, "/epcis/events/" + enc(id("B", 2))).statusCode());
        assertEquals(200, get(api, regulator, "/epcis/capture/" + jobOfB).statusCode());
    }

    @Test
    void companyCannotCaptureForAnotherOrganisation() throws Exception {
        HttpResponse<Buffer> r = post(api, a, "/epcis/capture?org=org-b", "application/json",
                EpcisFixtures.document("A-for-B").toBuffer());
        assertProblem(r, 403);
        assertEquals(List.of(), ids(get(api, regulator, "/epcis/events?EQ_eventID=" + enc(id("A-for-B", 1)))));
        // Its own organisation named explicitly passes the scope check (and then meets the eventIDs it
        // already stored: 409, not 403).
        HttpResponse<Buffer> own = post(api, a, "/epcis/capture?org=org-a", "application/json",
                EpcisFixtures.document("A").toBuffer());
        assertProblem(own, 409);
    }

    @Test
    void regulatorCannotCapture() throws Exception {
        assertProblem(post(api, regulator, "/epcis/capture", "application/json", EpcisFixtures.document("R").toBuffer()), 403);
        assertEquals(List.of(), ids(get(api, regulator, "/epcis/events?EQ_eventID=" + enc(id("R", 1)))));
    }

    @Test
    void unregisteredOrganisationCannotCapture() throws Exception {
        String ghost = api.token(ApiRole.COMPANY, "ghost-org");
        assertProblem(post(api, ghost, "/epcis/capture", "application/json", EpcisFixtures.document("G").toBuffer()), 403);
    }

    @Test
    void withoutTokenNothingIsAnswered() throws Exception {
        assertProblem(get(api, null, "/epcis/events"), 401);
        assertProblem(post(api, null, "/epcis/capture", "application/json", EpcisFixtures.document("N").toBuffer()), 401);
    }
}
