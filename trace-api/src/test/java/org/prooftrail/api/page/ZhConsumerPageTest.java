package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.identifiers.Gtin;

/**
 * The Chinese consumer page over real HTTP, for every kind of cold-chain verdict (and the product,
 * 404 and 410 pages): no Latin-script words outside identifiers and the registry's own names,
 * registered locations by name with the URI on hover, and times in the event's own offset with
 * the raw value on hover. Verdict kinds are made as {@code ResolverTest} makes odd cases: products
 * with other rules whose one event puts a pack on the demo's reefer truck during its excursion.
 */
class ZhConsumerPageTest {
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{2,}");
    /** Latin words that are names, not sentences: ours, GS1's, and the link to the English page (in English). */
    private static final Set<String> NAMES = Set.of("ProofTrail", "GTIN", "English");
    private static final String DEPOT = "urn:epc:id:sgln:6901234.00099.0";
    private static final String DEPOT_NAME = "示范冷库中心";

    private static Vertx vertx;
    private static ConsumerFixture f;
    private static Instant excursionStart;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of());
        JsonObject demo = get(f.demo.itemPath(0), "application/json").bodyAsJsonObject();
        excursionStart = Instant.parse(demo.getJsonObject("coldChain").getJsonArray("worst").getJsonObject(0).getString("start"));
        // the packs made below reach the pharmacy without a shipping event naming it: the maker grants it
        // write rights, so its fridge's readings count for them (docs/custody.md)
        new org.prooftrail.store.registry.WriteGrants(f.api.db().dataSource()).grant(ColdChainFixture.MAKER,
                ColdChainFixture.PHARMACY, null, null);
        // a registered location without devices, named by the GLN of an organisation
        f.sql("INSERT INTO organisation (id, name, gln) VALUES ('zh-depot', ?, ?)", DEPOT_NAME,
                "690123400099" + Gtin.checkDigit("690123400099"));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String accept) throws Exception {
        return f.api.client().request(HttpMethod.GET, path).putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
    }

    private static String zh(String path, int status) throws Exception {
        HttpResponse<Buffer> r = get(path + (path.contains("?") ? "&" : "?") + "lang=zh", "text/html");
        assertEquals(status, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        assertTrue(html.contains("<html lang=\"zh\""), html);
        return html;
    }

    /**
     * A product with its own rule, one lot, one pack, and one event putting the pack at {@code location}
     * an hour before the reefer's excursion; from the truck it goes on to the pharmacy when the truck
     * does (its fridge watches it until now). Returns the pack's path.
     */
    private static String product(String gtin12, String rule, String location) throws Exception {
        String path = productAt(gtin12, rule, location);
        if (location.equals(ColdChainFixture.TRUCK_LOCATION)) {
            String gtin = gtin12 + "0" + Gtin.checkDigit(gtin12 + "0");
            String id = "zh-on-" + gtin;
            f.sql("INSERT INTO epcis_event (event_id, org_id, event_type, action, event_time, event_time_zone_offset, biz_step, "
                    + "biz_location, doc) VALUES (?, ?, 'ObjectEvent', 'OBSERVE', ?::timestamptz, '+08:00', 'receiving', ?, '{}'::jsonb)",
                    id, ColdChainFixture.MAKER, excursionStart.plus(Duration.ofHours(4)).toString(), ColdChainFixture.PHARMACY_LOCATION);
            String link = new DigitalLink(new Gtin(gtin), "ZH1", "P1").uri("https://id.gs1.org");
            f.sql("INSERT INTO event_epc (event_id, epc, epc_key, role) SELECT id, ?, ?, 'epc' FROM epcis_event WHERE event_id = ?",
                    link, EpcKey.of(link), id);
        }
        return path;
    }

    /** The pack left at {@code location} until now. */
    private static String productAt(String gtin12, String rule, String location) throws Exception {
        String gtin = gtin12 + "0" + Gtin.checkDigit(gtin12 + "0");
        f.sql("INSERT INTO product (gtin, org_id, name, temp_min_c, temp_max_c, max_single_excursion, max_total_excursion) "
                + "SELECT ?, ?, '示范药品 ' || ?, " + rule, gtin, ColdChainFixture.MAKER, gtin12);
        f.sql("INSERT INTO lot (gtin, lot, org_id) VALUES (?, 'ZH1', ?)", gtin, ColdChainFixture.MAKER);
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link) VALUES (?, 'P1', 'ZH1', 'x')", gtin);
        String id = "zh-" + gtin;
        f.sql("INSERT INTO epcis_event (event_id, org_id, event_type, action, event_time, event_time_zone_offset, biz_step, "
                + "biz_location, doc) VALUES (?, ?, 'ObjectEvent', 'OBSERVE', ?::timestamptz, '+08:00', 'receiving', ?, '{}'::jsonb)",
                id, ColdChainFixture.MAKER, excursionStart.minus(Duration.ofHours(1)).toString(), location);
        String link = new DigitalLink(new Gtin(gtin), "ZH1", "P1").uri("https://id.gs1.org");
        f.sql("INSERT INTO event_epc (event_id, epc, epc_key, role) SELECT id, ?, ?, 'epc' FROM epcis_event WHERE event_id = ?",
                link, EpcKey.of(link), id);
        return new DigitalLink(new Gtin(gtin), "ZH1", "P1").path();
    }

    private static void verdict(String path, String verdict, String basis) throws Exception {
        String html = zh(path, 200);
        assertTrue(html.contains("data-verdict=\"" + verdict + "\""), html);
        assertNoLatinSentences(html);
        assertTrue(html.contains("data-basis=\"" + basis + "\""), html);
        JsonObject cold = get(path, "application/json").bodyAsJsonObject().getJsonObject("coldChain");
        assertEquals(verdict, cold.getString("verdict"), cold.encodePrettily());
        assertEquals(basis, cold.getString("basis"), cold.encodePrettily());
        assertFalse(cold.getString("reason").isBlank(), "the JSON keeps its sentence for machines and logs");
    }

    @Test
    void everyVerdictKindIsInChinese() throws Exception {
        verdict(f.demo.itemPath(0), "pass", "within-limits");
        verdict(product("069012341001", "0, 20, interval '30 minutes', interval '60 minutes'", ColdChainFixture.TRUCK_LOCATION),
                "pass", "all-in-band");
        verdict(product("069012341002", "2, 8, interval '10 minutes', interval '60 minutes'", ColdChainFixture.TRUCK_LOCATION),
                "fail", "single-too-long");
        verdict(product("069012341003", "2, 8, interval '30 minutes', interval '20 minutes'", ColdChainFixture.TRUCK_LOCATION),
                "fail", "total-too-long");
        verdict(product("069012341004", "2, 8, NULL, NULL", ColdChainFixture.TRUCK_LOCATION), "fail", "single-too-long");
        verdict(product("069012341005", "NULL::float8, NULL::float8, NULL::interval, NULL::interval",
                ColdChainFixture.TRUCK_LOCATION), "no-data", "no-rule");
        verdict(product("069012341006", "2, 8, interval '30 minutes', interval '60 minutes'", DEPOT), "no-data", "no-readings");
        // left on the truck after its logger stopped (at the pharmacy): the readings do not cover until now
        String stranded = productAt("069012341008", "0, 20, interval '30 minutes', interval '60 minutes'",
                ColdChainFixture.TRUCK_LOCATION);
        verdict(stranded, "incomplete-data", "uncovered");
        assertTrue(zh(stranded, 200).contains("数据不完整，无法确认冷链"));
    }

    @Test
    void lotProductUnknownAndWithdrawnPagesAreInChinese() throws Exception {
        assertNoLatinSentences(zh("/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT, 200));
        assertNoLatinSentences(zh("/01/" + ColdChainFixture.GTIN, 200));
        assertNoLatinSentences(zh("/01/0400000000000" + Gtin.checkDigit("0400000000000") + "/10/L1/21/S1", 404));
        f.sql("INSERT INTO item (gtin, serial, lot, digital_link, status) VALUES (?, 'ZHGONE1', ?, 'x', 'retired')",
                ColdChainFixture.GTIN, ColdChainFixture.LOT);
        assertNoLatinSentences(zh("/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT + "/21/ZHGONE1", 410));
    }

    @Test
    void locationsByNameAndTimesInTheEventsOffset() throws Exception {
        String html = zh(f.demo.itemPath(0), 200);
        // registered locations by name (the organisation whose devices sit there), the URI on hover
        assertTrue(html.contains("title=\"" + ColdChainFixture.TRUCK_LOCATION + "\">Demo Cold Logistics 示范冷链物流<"), html);
        assertTrue(html.contains("title=\"" + ColdChainFixture.FACTORY_LOCATION + "\">Demo Biopharma 示范生物制药<"), html);
        assertFalse(html.contains(">" + ColdChainFixture.FACTORY_LOCATION + "<"), html);
        assertFalse(html.contains(">" + ColdChainFixture.TRUCK_LOCATION + "<"), html);
        // a location named by an organisation's GLN
        String depot = zh(product("069012341007", "2, 8, interval '30 minutes', interval '60 minutes'", DEPOT), 200);
        assertTrue(depot.contains("title=\"" + DEPOT + "\">" + DEPOT_NAME + "<"), depot);

        // every time shown is in the demo's +08:00 with the raw instant on hover; no UTC times beside them
        Matcher m = Pattern.compile("<time datetime=\"([^\"]+)\" title=\"([^\"]+)\">([^<]+)</time>").matcher(html);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            Instant raw = Instant.parse(m.group(1));
            assertEquals(m.group(1), m.group(2));
            assertEquals(WHEN.format(raw.atOffset(java.time.ZoneOffset.ofHours(8))) + " (+08:00)", m.group(3));
            shown.add(m.group(3));
        }
        // four journey events, one excursion, the scan count's first scan
        assertTrue(shown.size() >= 5, html);
        assertFalse(html.replaceAll("(?s)<script.*?</script>", "").contains("UTC"), html);
        String excursionShown = WHEN.format(excursionStart.atOffset(java.time.ZoneOffset.ofHours(8))) + " (+08:00)";
        assertTrue(shown.contains(excursionShown), shown + " lacks " + excursionShown);
    }

    /**
     * What a reader sees (text nodes, the title, aria-label and alt attributes, and the labels the
     * page's script shows; no code or styles) less the registry's names and identifiers must hold no
     * Latin-script word.
     */
    static void assertNoLatinSentences(String html) {
        StringBuilder seen = new StringBuilder();
        Matcher script = Pattern.compile("(?s)<script type=\"application/json\" id=\"pt-data\">(.*?)</script>").matcher(html);
        if (script.find()) {
            JsonObject labels = new JsonObject(script.group(1)).getJsonObject("labels");
            labels.forEach(e -> seen.append('\n').append(e.getValue() instanceof JsonObject o
                    ? String.join("\n", o.getMap().values().stream().map(String::valueOf).toList()) : e.getValue()));
        }
        String s = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ");
        Matcher a = Pattern.compile("(?:title|aria-label|alt)=\"([^\"]*)\"").matcher(s);
        while (a.find()) {
            seen.append('\n').append(a.group(1));
        }
        seen.append('\n').append(s.replaceAll("<[^>]*>", "\n"));
        String text = seen.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        Set<String> data = new LinkedHashSet<>(List.of("Insulin glargine 100 IU/ml 甘精胰岛素注射液",
                "Demo Biopharma 示范生物制药", "Demo Cold Logistics 示范冷链物流", "Demo Pharmacy 示范大药房",
                "ccdemo-factory-gw", "ccdemo-factory-room", "ccdemo-reefer-7", "ccdemo-pharmacy-gw", "ccdemo-pharmacy-fridge"));
        for (String d : data) {
            text = text.replace(d, " ");
        }
        text = text.replaceAll("(?:https?://|urn:|/v1/)\\S+", " ") // URIs
                .replaceAll("\\S*\\d\\S*", " "); // codes: GTINs, lots, serials, times, Ed25519, SM2/SM3
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher w = LATIN_WORD.matcher(line);
            while (w.find()) {
                if (!NAMES.contains(w.group())) {
                    found.add(line.strip());
                    break;
                }
            }
        }
        assertTrue(found.isEmpty(), "Latin-script words on the zh page: " + found);
    }
}
