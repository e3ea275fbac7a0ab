package org.prooftrail.api.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.limits.EndpointClass;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.testing.ColdChainFixture;

/**
 * What a walk over device seqs collects, over real HTTP, on the cold-chain fixture (its factory gateway
 * signed an AggregationEvent naming every pack of the case). Without a token: the readings of devices
 * whose readings are public, and not one serial number; an event's seq answers exactly as a seq that
 * does not exist. With a regulator's token: every envelope; with the owner's: its own devices' events.
 */
class AnonymousEnumerationTest {
    /** The truck's owner made its readings private. */
    private static final String PRIVATE_READINGS = "ccdemo-reefer-7";
    private static Vertx vertx;
    private static ConsumerFixture f;
    /** Every device's stored seqs and each envelope's kind. */
    private static final Map<String, Map<Long, String>> ENVELOPES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(EndpointClass.PROOF.setting(), "1000000",
                EndpointClass.LOOKUP.setting(), "1000000"));
        f.sql("UPDATE device SET readings_public = false WHERE id = ?", PRIVATE_READINGS);
        try (var c = f.api.db().connection(); var st = c.prepareStatement("SELECT device_id, seq, kind FROM envelope ORDER BY 1, 2");
             var rs = st.executeQuery()) {
            while (rs.next()) {
                ENVELOPES.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getLong(2), rs.getString(3));
            }
        }
        assertTrue(ENVELOPES.values().stream().anyMatch(m -> m.containsValue("event")), "the fixture signed events");
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private record Walk(int served, int readingsServed, int eventsServed, Set<String> details, String text) {
    }

    /** Every seq from a little before each device's first to a little after its last, as {@code token} (or none). */
    private static Walk walk(String token, String suffix) throws Exception {
        int served = 0;
        int readings = 0;
        int events = 0;
        Set<String> details = new HashSet<>();
        StringBuilder text = new StringBuilder();
        for (var device : ENVELOPES.entrySet()) {
            long first = device.getValue().keySet().iterator().next();
            long last = new ArrayList<>(device.getValue().keySet()).get(device.getValue().size() - 1);
            for (long seq = first - 3; seq <= last + 3; seq++) {
                HttpResponse<Buffer> r = f.api.request(HttpMethod.GET, "/v1/proofs/" + device.getKey() + "/" + seq + suffix, token)
                        .send().await(20, TimeUnit.SECONDS);
                text.append(r.bodyAsString()).append('\n');
                if (r.statusCode() == 200) {
                    served++;
                    String kind = device.getValue().get(seq);
                    readings += "readings".equals(kind) ? 1 : 0;
                    events += "event".equals(kind) ? 1 : 0;
                    JsonObject envelope = r.bodyAsJsonObject().getJsonObject("envelope");
                    if (envelope != null) {
                        String payload = envelope.getString("jws").split("\\.")[1];
                        text.append(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).append('\n');
                    }
                } else {
                    assertEquals(404, r.statusCode(), r.bodyAsString());
                    details.add(r.bodyAsJsonObject().getString("detail"));
                }
            }
        }
        return new Walk(served, readings, events, details, text.toString());
    }

    private static long count(String kind, boolean publicReadingsOnly) {
        return ENVELOPES.entrySet().stream().filter(d -> !publicReadingsOnly || !d.getKey().equals(PRIVATE_READINGS))
                .flatMap(d -> d.getValue().values().stream()).filter(kind::equals).count();
    }

    @Test
    void anAnonymousWalkCollectsNoSerialAndCannotTellEventsFromNothing() throws Exception {
        for (String suffix : List.of("", "/verification")) {
            Walk w = walk(null, suffix);
            for (String serial : f.demo.serials()) {
                assertFalse(w.text().contains(serial), "serial " + serial + " leaked by the walk of " + suffix);
            }
            assertEquals(0, w.eventsServed(), suffix);
            assertEquals(count("readings", true), w.readingsServed(), "public readings are served " + suffix);
            assertEquals(1, w.details().size(), "one answer for events, private readings and nothing: " + w.details());
        }
    }

    @Test
    void aRegulatorsWalkSeesEverything() throws Exception {
        Walk w = walk(f.api.token(ApiRole.REGULATOR, null), "");
        assertEquals(count("readings", false) + count("event", false), w.served());
        for (String serial : f.demo.serials()) {
            assertTrue(w.text().contains(serial), "the regulator sees serial " + serial);
        }
    }

    @Test
    void aCompanySeesItsOwnDevicesEventsAndNoOneElses() throws Exception {
        String device = f.demo.commissioningDevice();
        String path = "/v1/proofs/" + device + "/" + f.demo.commissioningSeq();
        assertEquals(200, f.api.request(HttpMethod.GET, path, f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER))
                .send().await(20, TimeUnit.SECONDS).statusCode());
        assertEquals(404, f.api.request(HttpMethod.GET, path, f.api.token(ApiRole.COMPANY, ColdChainFixture.CARRIER))
                .send().await(20, TimeUnit.SECONDS).statusCode());
        long truckSeq = ENVELOPES.get(PRIVATE_READINGS).keySet().iterator().next();
        String truck = "/v1/proofs/" + PRIVATE_READINGS + "/" + truckSeq;
        assertEquals(200, f.api.request(HttpMethod.GET, truck, f.api.token(ApiRole.COMPANY, ColdChainFixture.CARRIER))
                .send().await(20, TimeUnit.SECONDS).statusCode(), "the owner reads its private readings");
        assertEquals(401, f.api.request(HttpMethod.GET, truck, "not-a-token").send().await(20, TimeUnit.SECONDS).statusCode(),
                "a bad token is refused, not read as no token");
    }
}
