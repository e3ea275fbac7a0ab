package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertProblem;
import static org.prooftrail.api.epcis.SubscriptionFixtures.call;
import static org.prooftrail.api.epcis.SubscriptionFixtures.postJson;
import static org.prooftrail.api.epcis.SubscriptionFixtures.shippingAt;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.Organisations;

/**
 * Named queries and subscriptions with the default settings (https only, no private addresses):
 * what is refused, with which problem, and who sees what. Delivery is off here: nothing is sent.
 */
class EpcisSubscriptionValidationTest {
    private static final String RP = "urn:epc:id:sgln:4012345.00031.0";
    private static Vertx vertx;
    private static ApiHarness api;
    private static String farmA;
    private static String farmB;
    private static String regulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(SubscriptionSettings.DELIVER, "false"));
        new Organisations(api.db().dataSource()).ensure("farm-a", "Farm A");
        new Organisations(api.db().dataSource()).ensure("farm-b", "Farm B");
        farmA = api.token(ApiRole.COMPANY, "farm-a");
        farmB = api.token(ApiRole.COMPANY, "farm-b");
        regulator = api.token(ApiRole.REGULATOR, null);
        assertEquals(201, postJson(api, farmA, "/epcis/queries", shippingAt("checks", RP)).statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> subscribe(JsonObject body) throws Exception {
        return postJson(api, farmA, "/epcis/queries/checks/subscriptions", body);
    }

    private static JsonObject stream(String dest) {
        return new JsonObject().put("dest", dest).put("signatureToken", "a-long-enough-secret").put("stream", true);
    }

    private static void refused(JsonObject body, String detailPart) throws Exception {
        HttpResponse<Buffer> r = subscribe(body);
        assertProblem(r, 400);
        assertTrue(r.bodyAsJsonObject().getString("detail").contains(detailPart), r.bodyAsString());
    }

    @Test
    void plainHttpIsRefusedByDefault() throws Exception {
        refused(stream("http://93.184.216.34/hook"), "scheme must be https");
    }

    @Test
    void destinationsInsideTheServersNetworksAreRefused() throws Exception {
        for (String dest : new String[] {"https://127.0.0.1/hook", "https://localhost:8443/hook", "https://10.0.0.7/hook",
                "https://192.168.1.10/hook", "https://172.16.0.1/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/hook", "https://100.64.0.1/hook"}) {
            refused(stream(dest), "public addresses only");
        }
    }

    @Test
    void malformedDestinationsAreRefused() throws Exception {
        refused(stream("not a url"), "dest");
        refused(stream("ftp://93.184.216.34/hook"), "scheme must be https");
        refused(stream("https:///nohost"), "dest");
        refused(stream("https://user:pw@93.184.216.34/hook"), "user name or password");
    }

    @Test
    void streamOrScheduleExactlyAndOnlyTheGs1ScheduleGrammar() throws Exception {
        refused(new JsonObject().put("dest", "https://93.184.216.34/hook"), "stream: true");
        refused(stream("https://93.184.216.34/hook").put("schedule", new JsonObject().put("minute", "5")), "not both");
        JsonObject sched = new JsonObject().put("dest", "https://93.184.216.34/hook");
        refused(sched.copy().put("schedule", new JsonObject().put("second", "0/30")), "schedule.second");
        refused(sched.copy().put("schedule", new JsonObject().put("hour", "24")), "schedule.hour");
        refused(sched.copy().put("schedule", new JsonObject().put("minute", "[30-10]")), "schedule.minute");
        refused(sched.copy().put("schedule", new JsonObject()), "at least one");
        refused(sched.copy().put("schedule", new JsonObject().put("dayOfMonth", "31").put("month", "2")), "no time matches");
        refused(stream("https://93.184.216.34/hook").put("signatureToken", "short"), "signatureToken");
        refused(stream("https://93.184.216.34/hook").put("initialRecordTime", "yesterday"), "initialRecordTime");
    }

    @Test
    void aPublicHttpsDestinationIsAcceptedAndItsSecretNeverShown() throws Exception {
        HttpResponse<Buffer> r = subscribe(new JsonObject().put("dest", "https://93.184.216.34/hook")
                .put("signatureToken", "a-long-enough-secret").put("schedule", new JsonObject().put("hour", "1").put("minute", "5")));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonObject s = r.bodyAsJsonObject();
        String id = s.getString("subscriptionID");
        assertEquals("/epcis/queries/checks/subscriptions/" + id, r.getHeader("Location"));
        assertFalse(r.bodyAsString().contains("a-long-enough-secret"));
        assertTrue(s.getString("nextRunAt").endsWith(":05:00Z") || s.getString("nextRunAt").endsWith(":05Z"), s.encode());
        HttpResponse<Buffer> one = call(api, HttpMethod.GET, farmA, "/epcis/queries/checks/subscriptions/" + id);
        assertEquals(200, one.statusCode());
        assertFalse(one.bodyAsString().contains("a-long-enough-secret"));
        // Another organisation neither sees nor deletes it.
        assertProblem(call(api, HttpMethod.GET, farmB, "/epcis/queries/checks/subscriptions/" + id), 404);
        assertProblem(call(api, HttpMethod.DELETE, farmB, "/epcis/queries/checks/subscriptions/" + id), 404);
        HttpResponse<Buffer> list = call(api, HttpMethod.GET, farmA, "/epcis/queries/checks/subscriptions");
        assertTrue(list.bodyAsJsonArray().stream().anyMatch(o -> ((JsonObject) o).getString("subscriptionID").equals(id)));
        assertEquals(204, call(api, HttpMethod.DELETE, farmA, "/epcis/queries/checks/subscriptions/" + id).statusCode());
        assertProblem(call(api, HttpMethod.GET, farmA, "/epcis/queries/checks/subscriptions/" + id), 404);
    }

    @Test
    void namedQueriesAreCheckedAndScopedToTheirOwner() throws Exception {
        HttpResponse<Buffer> bad = postJson(api, farmA, "/epcis/queries", new JsonObject().put("name", "bad")
                .put("query", new JsonObject().put("EQ_bizStep", new JsonArray().add("not a step"))));
        assertProblem(bad, 400);
        assertTrue(bad.bodyAsString().contains("EQ_bizStep"), bad.bodyAsString());
        assertProblem(postJson(api, farmA, "/epcis/queries", new JsonObject().put("name", "bad2")
                .put("query", new JsonObject().put("NO_such", "x"))), 400);
        assertProblem(postJson(api, farmA, "/epcis/queries", shippingAt("checks", RP)), 409);
        // The same name is free for another organisation, whose query is its own.
        assertEquals(201, postJson(api, farmB, "/epcis/queries", shippingAt("checks", RP)).statusCode());
        assertProblem(call(api, HttpMethod.GET, regulator, "/epcis/queries/checks"), 404);
        HttpResponse<Buffer> mine = call(api, HttpMethod.GET, farmA, "/epcis/queries/checks");
        assertEquals(200, mine.statusCode(), mine.bodyAsString());
        assertEquals("checks", mine.bodyAsJsonObject().getString("name"));
        HttpResponse<Buffer> list = call(api, HttpMethod.GET, farmA, "/epcis/queries");
        assertEquals(1, list.bodyAsJsonArray().stream().filter(o -> ((JsonObject) o).getString("name").equals("checks")).count());
        HttpResponse<Buffer> events = call(api, HttpMethod.GET, farmA, "/epcis/queries/checks/events");
        assertEquals(200, events.statusCode(), events.bodyAsString());
        assertEquals("checks", events.bodyAsJsonObject().getJsonObject("epcisBody").getJsonObject("queryResults").getString("queryName"));
        assertEquals(201, postJson(api, farmB, "/epcis/queries", shippingAt("to-delete", RP)).statusCode());
        assertEquals(204, call(api, HttpMethod.DELETE, farmB, "/epcis/queries/to-delete").statusCode());
        assertProblem(call(api, HttpMethod.GET, farmB, "/epcis/queries/to-delete"), 404);
        assertProblem(postJson(api, farmB, "/epcis/queries/to-delete/subscriptions", stream("https://93.184.216.34/hook")), 404);
    }

    @Test
    void noTokenNoAccessAndAdminsDoNotSubscribe() throws Exception {
        assertProblem(postJson(api, null, "/epcis/queries", shippingAt("anon", RP)), 401);
        String admin = api.token(ApiRole.ADMIN, null);
        assertProblem(postJson(api, admin, "/epcis/queries", shippingAt("admin", RP)), 403);
    }
}
