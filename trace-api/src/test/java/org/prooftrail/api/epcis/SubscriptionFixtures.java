package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.testing.ApiHarness;

/** Capture documents whose events a subscription test can tell apart, and the subscription calls. */
final class SubscriptionFixtures {
    private SubscriptionFixtures() {
    }

    static String eventId(String tag, int n) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes((tag + "/" + n).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * ObjectEvents {@code from} to {@code from + count - 1} at {@code readPoint}: even ones shipping,
     * odd ones receiving.
     */
    static JsonObject document(String tag, String readPoint, int from, int count) {
        JsonArray events = new JsonArray();
        for (int n = from; n < from + count; n++) {
            events.add(new JsonObject().put("type", "ObjectEvent").put("eventID", eventId(tag, n))
                    .put("eventTime", "2025-07-01T01:00:00Z").put("eventTimeZoneOffset", "+00:00")
                    .put("action", "OBSERVE").put("epcList", new JsonArray().add("urn:epc:id:sgtin:4012345.011111." + n))
                    .put("bizStep", n % 2 == 0 ? "shipping" : "receiving")
                    .put("readPoint", new JsonObject().put("id", readPoint)));
        }
        return new JsonObject().put("@context", new JsonArray().add(EpcisFixtures.CONTEXT)).put("type", "EPCISDocument")
                .put("schemaVersion", "2.0").put("creationDate", "2025-07-01T02:00:00Z")
                .put("epcisBody", new JsonObject().put("eventList", events));
    }

    /** The shipping eventIDs of {@link #document} calls, in order. */
    static List<String> shipping(String tag, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            if (n % 2 == 0) {
                ids.add(eventId(tag, n));
            }
        }
        return ids;
    }

    /** A named query for shipping events at one read point. */
    static JsonObject shippingAt(String name, String readPoint) {
        return new JsonObject().put("name", name).put("query", new JsonObject()
                .put("EQ_bizStep", new JsonArray().add("shipping")).put("EQ_readPoint", new JsonArray().add(readPoint)));
    }

    static HttpResponse<Buffer> postJson(ApiHarness api, String token, String path, JsonObject body) throws Exception {
        return api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS);
    }

    static HttpResponse<Buffer> call(ApiHarness api, HttpMethod method, String token, String path) throws Exception {
        return api.request(method, path, token).send().await(30, TimeUnit.SECONDS);
    }

    /** Creates the query and a stream subscription to it; returns the subscriptionID. */
    static String streamTo(ApiHarness api, String token, JsonObject query, String dest, String secret) throws Exception {
        HttpResponse<Buffer> q = postJson(api, token, "/epcis/queries", query);
        assertEquals(201, q.statusCode(), q.bodyAsString());
        HttpResponse<Buffer> s = postJson(api, token, "/epcis/queries/" + query.getString("name") + "/subscriptions",
                new JsonObject().put("dest", dest).put("signatureToken", secret).put("stream", true));
        assertEquals(201, s.statusCode(), s.bodyAsString());
        return s.bodyAsJsonObject().getString("subscriptionID");
    }
}
