package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.store.testing.SigningDevice;

/**
 * The page shows events that named the pack as an SGTIN URN or under a partner's resolver, and its
 * case as an SSCC URN, while the fixture's own events use GS1 Digital Links: the browser's recheck
 * matches identifiers by the same key as the server, so the page still verifies in the browser.
 */
class SpellingsPageBrowserTest {
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of());
        String serial = f.demo.serials().get(0);
        SignedStore store = new SignedStore(f.api.db());
        SigningDevice d = store.device("relabeller", "relabel-gw");
        // a partner of the maker: its events about the maker's packs count (docs/custody.md)
        new org.prooftrail.store.registry.WriteGrants(f.api.db().dataSource()).grant(ColdChainFixture.MAKER, "relabeller", null, null);
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        store.store(d,
                FarmToShelf.object("pageUrn", at.toString(), "OBSERVE", "inspecting", ColdChainFixture.PHARMACY_LOCATION,
                        List.of("urn:epc:id:sgtin:6901234.000001." + serial), List.of()),
                FarmToShelf.object("pagePartnerLink", at.plusSeconds(60).toString(), "OBSERVE", "inspecting",
                        ColdChainFixture.PHARMACY_LOCATION, List.of("https://partner.example.org/01/" + ColdChainFixture.GTIN
                                + "/21/" + serial), List.of()),
                // the fixture packs the pack into https://id.gs1.org/00/069012340000000108 (still packed)
                FarmToShelf.object("pageCaseUrn", at.plusSeconds(120).toString(), "OBSERVE", "inspecting",
                        ColdChainFixture.PHARMACY_LOCATION, List.of("urn:epc:id:sscc:6901234.0000000010"), List.of()));
        AnchorStep.once(f.api.db().dataSource(), ConsumerFixture.ORIGIN, f.logKey, "sha256");
        chromium = HeadlessChromium.start(vertx);
        chromium.call("Network.enable", new JsonObject());
        chromium.call("Network.setCacheDisabled", new JsonObject().put("cacheDisabled", true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsOfOtherSpellingsAreShownAndVerifyInTheBrowser() throws Exception {
        String url = f.api.base() + f.demo.itemPath(0);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(url));
        String shown = chromium.eval("JSON.stringify(JSON.parse(document.getElementById('pt-data').textContent).shown.events"
                + ".map(function (e) { return e.eventID + ' ' + e.via; }))");
        for (String expected : List.of(FarmToShelf.eventId("pageUrn") + " item", FarmToShelf.eventId("pagePartnerLink") + " item",
                FarmToShelf.eventId("pageCaseUrn") + " container")) {
            assertTrue(shown.contains(expected), expected + " in " + shown);
        }
    }
}
