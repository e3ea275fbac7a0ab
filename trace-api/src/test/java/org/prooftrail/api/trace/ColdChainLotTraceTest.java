package org.prooftrail.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.trace.TraceId;

/**
 * The regulator's lot trace on the signed cold-chain journey, whose commissioning event names its
 * packs as Digital Links carrying {@code /10/INS2026A} and has no ILMD lot number: the lot is named
 * by no event, only inside its packs' identifiers (this trace once answered 404 both ways).
 */
class ColdChainLotTraceTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static ColdChainFixture.Stored journey;
    private static String regulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        journey = ColdChainFixture.store(api.db().dataSource(), "https://id.gs1.org", "sha256");
        regulator = api.token(ApiRole.REGULATOR, null);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject trace(String direction) throws Exception {
        // the request as the demo once printed it: gtin/lot with its slash percent-encoded
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/v1/trace/" + journey.gtin() + "%2F" + journey.lot()
                + "?direction=" + direction, regulator).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static Set<String> ofKind(JsonObject trace, String kind) {
        return trace.getJsonArray("nodes").stream().map(o -> (JsonObject) o).filter(n -> n.getString("kind").equals(kind))
                .map(n -> n.getString("id")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void forwardFromTheLotReachesItsPacksAndTheirCase() throws Exception {
        JsonObject t = trace("forward");
        Set<String> packs = new TreeSet<>();
        for (int i = 0; i < journey.serials().size(); i++) {
            packs.add(TraceId.parse(journey.itemPath(i)).key());
        }
        assertEquals(3, packs.size());
        assertEquals(packs, ofKind(t, "item"));
        assertEquals(Set.of(TraceId.lot(journey.gtin(), journey.lot(), null).key()), ofKind(t, "lot"));
        assertEquals(1, ofKind(t, "container").size(), t.encodePrettily());
        assertEquals(Set.of(ColdChainFixture.PHARMACY_LOCATION), t.getJsonArray("locations").stream()
                .map(o -> ((JsonObject) o).getString("location")).collect(Collectors.toSet()));
    }

    @Test
    void backFromTheLotIsTheLotItself() throws Exception {
        JsonObject t = trace("back");
        assertEquals(Set.of(TraceId.lot(journey.gtin(), journey.lot(), null).key()), ofKind(t, "lot"));
        assertEquals(1, t.getJsonArray("nodes").size(), t.encodePrettily());
    }

    @Test
    void aChinaDrugCodeIsTracedAsTheItemItWasIssuedFor() throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/v1/trace/" + journey.chinaCode() + "?direction=back", regulator)
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject t = r.bodyAsJsonObject();
        assertEquals(journey.chinaCode(), t.getString("code"));
        assertEquals(TraceId.parse(journey.itemPath(0)).key(), t.getString("id"));
        assertEquals(Set.of(TraceId.lot(journey.gtin(), journey.lot(), null).key()), ofKind(t, "lot"));
        HttpResponse<Buffer> unknown = api.request(HttpMethod.GET, "/v1/trace/00000000000000000000", regulator)
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.bodyAsString().contains("China drug code"), unknown.bodyAsString());
    }
}
