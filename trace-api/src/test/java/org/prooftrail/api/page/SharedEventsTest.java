package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.provenance.Memo;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.core.coldchain.Watch;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * A lot's pages with the events its packs share rendered once ({@link SharedEvents}) are byte for byte
 * the pages rendered event by event, in both languages, whether a pack's own event comes first or
 * last, and with text that needs escaping in HTML and in the page's data.
 */
class SharedEventsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String FACTORY = "urn:epc:id:sgln:0614141.00001.0";
    private static final String TRUCK = "urn:epc:id:sgln:0614141.00002.0";
    private static final ColdChainRule RULE = new ColdChainRule(2.0, 8.0, Duration.ofMinutes(30), Duration.ofMinutes(60));
    private static final Product PRODUCT = new Product("09506000134352", "Insulin <pen> & \"cap\"", "drug", "maker",
            "Maker & Söhne 制药", RULE, null);
    private static final Lot LOT = new Lot("09506000134352", "L1", T0, LocalDate.parse("2027-03-01"), List.of());

    @Test
    void pagesWithSharedEventsAreThePagesRenderedEventByEvent() {
        List<TimelineEvent> shared = List.of(
                event(2, "urn:uuid:2 </script>", "packing", T0.plusSeconds(600), "+08:00", FACTORY, "container"),
                event(3, "ni:///sha-256;abc?ver=CBV2.0", "shipping", T0.plusSeconds(3_600), "+08:00", FACTORY, "lot"),
                event(4, "urn:uuid:4", "receiving", T0.plusSeconds(20_000), "-05:00", TRUCK, "lot"));
        List<Provenance> fresh = lot(shared, new Memo());
        List<Provenance> prepared = lot(shared, new Memo());
        ConsumerPage.prepare(prepared);
        assertNull(SharedEvents.of(fresh.get(0)));
        SharedEvents s = SharedEvents.of(prepared.get(0));
        assertNotNull(s);
        assertNotNull(s.shown(shared.get(0)));
        assertNotNull(s.timeline(shared.get(2), "zh"));
        // each pack's own commissioning is rendered with its page, not kept
        assertNull(s.shown(prepared.get(0).events().get(0)));
        assertNull(s.timeline(prepared.get(2).events().get(3), "en"));
        for (int i = 0; i < fresh.size(); i++) {
            for (String lang : List.of("en", "zh")) {
                byte[] expected = page(fresh.get(i), lang);
                byte[] actual = page(prepared.get(i), lang);
                assertArrayEquals(expected, actual, "pack " + i + " in " + lang);
                String html = new String(actual, StandardCharsets.UTF_8);
                assertTrue(html.contains("S" + i), html);
                assertEquals(-1, html.indexOf("</script>\"") , "escaped in the page's data");
            }
        }
    }

    /** Three packs: the shared events with each pack's commissioning, first for two of them and last for one. */
    private static List<Provenance> lot(List<TimelineEvent> shared, Memo memo) {
        CustodyWindow factory = new CustodyWindow(FACTORY, T0, T0.plusSeconds(3_600), false, List.of("fridge-1"));
        CustodyWindow truck = new CustodyWindow(TRUCK, T0.plusSeconds(3_600), T0.plusSeconds(20_000), false, List.of("truck-1"));
        List<Sample> samples = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            samples.add(new Sample(T0.plusSeconds(120L * k), 4.0 + k % 3, k));
        }
        List<Series> readings = List.of(new Series("fridge-1", FACTORY, T0, T0.plusSeconds(3_600), samples));
        List<CustodyWindow> custody = List.of(factory, truck);
        Verdict verdict = RULE.judge(List.of(new Watch(FACTORY, factory.from(), factory.to(), factory.devices()),
                new Watch(TRUCK, truck.from(), truck.to(), truck.devices())), readings);
        Map<String, String> places = Map.of(FACTORY, "Factory <cold room>", TRUCK, "卡车 1");
        List<Provenance> packs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TimelineEvent own = event(100 + i, "urn:uuid:c" + i, "commissioning", T0.plusSeconds(60), "+08:00", FACTORY, "item");
            List<TimelineEvent> events = new ArrayList<>();
            if (i < 2) {
                events.add(own);
            }
            // each pack's rows are its own objects, as the journey query makes them
            shared.forEach(e -> events.add(e.via(e.via())));
            if (i == 2) {
                events.add(own);
            }
            Item item = new Item(LOT.gtin(), "S" + i, LOT.lot(), null, null, "active", null, null);
            packs.add(new Provenance(PRODUCT, LOT, item, List.copyOf(events), custody, readings, verdict, places,
                    T0.plusSeconds(30_000), memo));
        }
        return packs;
    }

    private static TimelineEvent event(long id, String eventId, String step, Instant at, String offset, String where, String via) {
        return new TimelineEvent(id, eventId, "ObjectEvent", "OBSERVE", at, offset, step, "in_transit", where, where,
                "Maker & Söhne 制药", via, "dev-" + id, id * 10);
    }

    private static byte[] page(Provenance p, String lang) {
        ConsumerPage.Rendered r = ConsumerPage.render(new PageModel(PageText.of(lang), 200, null, PRODUCT, p, null,
                List.of(), List.of("/v1/proofs/1"), "nonce123"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Buffer part : r.parts()) {
            out.writeBytes(part.getBytes());
        }
        assertEquals(r.length(), out.size());
        return out.toByteArray();
    }
}
