package org.prooftrail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.store.testing.SigningDevice;

/**
 * One pack, named by events as an SGTIN URN and as Digital Links under the deployment's own resolver and
 * a partner's: the EPCIS query, the regulator trace and the consumer JSON find every one of those events from
 * any spelling (stored signed envelopes, real PostgreSQL, real HTTP).
 */
class IdentifierSpellingsTest {
    private static final String OWN_RESOLVER = "https://trace.example.com/dl";
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static String regulator;
    private static List<String> spellings;
    private static final Set<String> ADDED = new TreeSet<>(Set.of(FarmToShelf.eventId("inspectedAsUrn"),
            FarmToShelf.eventId("inspectedAsOwnLink"), FarmToShelf.eventId("inspectedAsPartnerLink")));

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.BASE, OWN_RESOLVER));
        regulator = f.api.token(ApiRole.REGULATOR, null);
        String gtin = ColdChainFixture.GTIN;
        String serial = f.demo.serials().get(0);
        // GTIN 0 6901234 00001 c: indicator 0, company prefix 6901234 (7 digits), item reference 0 + 00001
        String urn = "urn:epc:id:sgtin:6901234.000001." + serial;
        String ownLink = OWN_RESOLVER + "/01/" + gtin + "/21/" + serial;
        spellings = List.of(urn, ownLink, "https://id.gs1.org/01/" + gtin + "/10/" + ColdChainFixture.LOT + "/21/" + serial,
                "https://id.gs1.org/01/" + gtin + "/21/" + serial, "urn:epc:id:sgtin:690123400.0001." + serial);
        SignedStore store = new SignedStore(f.api.db());
        SigningDevice d = store.device("relabeller", "relabel-gw");
        // a partner of the maker: its events about the maker's packs count (docs/custody.md)
        new org.prooftrail.store.registry.WriteGrants(f.api.db().dataSource()).grant(ColdChainFixture.MAKER, "relabeller", null, null);
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        store.store(d,
                FarmToShelf.object("inspectedAsUrn", at.toString(), "OBSERVE", "inspecting",
                        ColdChainFixture.PHARMACY_LOCATION, List.of(urn), List.of()),
                FarmToShelf.object("inspectedAsOwnLink", at.plusSeconds(60).toString(), "OBSERVE", "inspecting",
                        ColdChainFixture.PHARMACY_LOCATION, List.of(ownLink), List.of()),
                // a partner's resolver, configured nowhere here: a Digital Link names the pack whatever its host
                FarmToShelf.object("inspectedAsPartnerLink", at.plusSeconds(120).toString(), "OBSERVE", "inspecting",
                        ColdChainFixture.PHARMACY_LOCATION, List.of("https://partner.example.org/dl/01/" + gtin + "/10/"
                                + ColdChainFixture.LOT + "/21/" + serial + "?17=291231"), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject get(String uri, String token, String accept) throws Exception {
        var req = token == null ? f.api.client().request(HttpMethod.GET, uri) : f.api.request(HttpMethod.GET, uri, token);
        HttpResponse<Buffer> r = req.putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static Set<String> eventIds(JsonArray events) {
        Set<String> ids = new TreeSet<>();
        events.forEach(o -> ids.add(((JsonObject) o).getString("eventID")));
        return ids;
    }

    @Test
    void matchEpcFindsTheItemFromEverySpelling() throws Exception {
        Set<String> first = null;
        for (String code : spellings) {
            Set<String> ids = eventIds(get("/epcis/events?perPage=100&MATCH_epc=" + enc(code), regulator, "application/json")
                    .getJsonObject("epcisBody").getJsonObject("queryResults").getJsonObject("resultsBody").getJsonArray("eventList"));
            // commissioning (epcList), packing (childEPCs) and the three added events
            assertEquals(5, ids.size(), code + ": " + ids);
            assertTrue(ids.containsAll(ADDED), code + ": " + ids);
            if (first != null) {
                assertEquals(first, ids, code);
            }
            first = ids;
        }
        String other = "urn:epc:id:sgtin:6901234.000001." + f.demo.serials().get(1);
        Set<String> ids = eventIds(get("/epcis/events?perPage=100&MATCH_epc=" + enc(other), regulator, "application/json")
                .getJsonObject("epcisBody").getJsonObject("queryResults").getJsonObject("resultsBody").getJsonArray("eventList"));
        assertEquals(2, ids.size(), "another pack of the lot has only the fixture's events: " + ids);
        ids = eventIds(get("/epcis/events?perPage=100&MATCH_epc=" + enc("urn:epc:idpat:sgtin:6901234.000001.*"), regulator,
                "application/json").getJsonObject("epcisBody").getJsonObject("queryResults").getJsonObject("resultsBody")
                .getJsonArray("eventList"));
        assertTrue(ids.containsAll(first), "an EPC pattern matches the packs named by Digital Links too: " + ids);
    }

    @Test
    void theTraceFindsTheItemFromEverySpelling() throws Exception {
        Set<String> first = null;
        for (String code : spellings) {
            JsonObject t = get("/v1/trace/" + enc(code) + "?direction=back", regulator, "application/json");
            Set<String> ids = eventIds(t.getJsonArray("events"));
            assertTrue(ids.containsAll(ADDED), code + ": " + ids);
            if (first != null) {
                assertEquals(first, ids, code);
            }
            first = ids;
        }
    }

    @Test
    void theConsumerJsonShowsEventsOfEverySpelling() throws Exception {
        for (String path : List.of(f.demo.itemPath(0), "/cn/" + f.demo.chinaCode())) {
            JsonArray events = get(path, null, "application/json").getJsonArray("events");
            Set<String> ids = eventIds(events);
            assertTrue(ids.containsAll(ADDED), path + ": " + events.encodePrettily());
            assertEquals(7, events.size(), "the fixture's four and the three added: " + events.encodePrettily());
            events.forEach(o -> {
                JsonObject e = (JsonObject) o;
                if (ADDED.contains(e.getString("eventID"))) {
                    assertEquals("item", e.getString("via"));
                }
            });
        }
    }
}
