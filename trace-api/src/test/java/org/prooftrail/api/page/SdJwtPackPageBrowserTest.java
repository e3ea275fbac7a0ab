package org.prooftrail.api.page;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.sdjwt.Disclosure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold-chain demo with every event signed as an SD-JWT: pack A was commissioned with its two
 * lot-mates and packed with them into case C. Whoever holds A's code (its provenance JSON, its page,
 * its evidence document) learns that A was packed into C and nothing of the other two packs, though
 * the commissioning and packing events name all three; a regulator's EPCIS query still reads all
 * three. A real headless Chromium verifies A's page from the disclosed records, and fails it, naming
 * the disclosure, once a stored disclosure of A is not the one the issuer signed.
 */
class SdJwtPackPageBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(SdJwtPackPageBrowserTest.class);
    /** Anything base64url long enough to hide a code: JWT parts, disclosures, salts. */
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.startWithSdJwtEvents(vertx, Map.of(ResolverSettings.KEEP_JOURNEYS, "1s"));
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
    void packAsAnonymousAnswersNameItsCaseAndNoneOfItsCaseMates() throws Exception {
        String a = f.demo.serials().get(0);
        String json = readable(get(f.demo.itemPath(0), null, "application/json"));
        String page = readable(get(f.demo.itemPath(0), null, "text/html"));
        String evidence = get("/v1/evidence" + f.demo.itemPath(0), null, "application/json");
        String evidenceRead = readable(evidence);
        for (String[] answer : new String[][] {{"provenance JSON", json}, {"page", page}, {"evidence document", evidenceRead}}) {
            assertTrue(answer[1].contains(a), answer[0] + " names pack A");
            for (String mate : f.demo.serials().subList(1, 3)) {
                assertFalse(answer[1].contains(mate), answer[0] + " names case-mate " + mate);
            }
        }
        assertTrue(evidenceRead.contains(ColdChainFixture.CASE), "the evidence discloses A's case");

        JsonObject doc = new JsonObject(evidence);
        JsonObject packing = envelopeOf(doc, "packing");
        List<String> shown = decoded(packing.getJsonArray("disclosures"));
        assertEquals(2, shown.size(), "A's place among the children and the case's code: " + shown);
        assertTrue(shown.stream().anyMatch(d -> d.contains(a)) && shown.stream().anyMatch(d -> d.contains(ColdChainFixture.CASE)),
                shown.toString());
        List<String> commissioned = decoded(envelopeOf(doc, "commissioning").getJsonArray("disclosures"));
        assertEquals(1, commissioned.size(), "A alone of the three commissioned: " + commissioned);
        String shipping = String.join(" ", decoded(envelopeOf(doc, "shipping").getJsonArray("disclosures")));
        assertTrue(shipping.contains(ColdChainFixture.CASE) && !shipping.contains("pgln"), "the case, not the destination: " + shipping);
        // no eventID of an SD-JWT event in the anonymous answers (a concealed field)
        assertFalse(json.contains("urn:uuid:") || page.contains("urn:uuid:") || evidenceRead.contains("urn:uuid:"));

        String regulator = get("/epcis/events?perPage=100&eventType=AggregationEvent",
                f.api.token(ApiRole.REGULATOR, null), "application/json");
        for (String serial : f.demo.serials()) {
            assertTrue(regulator.contains(serial), "the regulator reads " + serial + " in the packing event");
        }
    }

    @Test
    void packAsPageVerifiesFromTheDisclosedRecordsAndATamperedDisclosureFailsIt() throws Exception {
        String url = f.api.base() + f.demo.itemPath(0);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(url));
        int withheld = Integer.parseInt(chromium.eval("document.getElementById('pt-badge').getAttribute('data-withheld')"));
        assertTrue(withheld >= 2 + 2 + 4, "the case-mates in two events and the eventIDs are withheld, not failed: " + withheld);
        assertEquals("verified|browser|", chromium.badgeAfterLoad(f.api.base() + "/01/" + f.demo.gtin() + "/10/" + f.demo.lot()),
                "the lot's page too");

        // A's disclosure in the packing event replaced by one with another salt: same value, unsigned digest
        String a = new DigitalLink(new Gtin(f.demo.gtin()), f.demo.lot(), f.demo.serials().get(0)).uri("https://id.gs1.org");
        String original = null;
        for (String d : storedDisclosures("packing")) {
            if (Disclosure.parse(d).value().asText().equals(a)) {
                original = d;
            }
        }
        String forged = Disclosure.ofElement(TextNode.valueOf(a)).encoded();
        f.sql("UPDATE envelope SET disclosures = array_replace(disclosures, ?::text, ?::text) WHERE disclosures @> ARRAY[?::text]", original, forged, original);
        String failed = badgeOnceItSettles(url, "failed|");
        LOG.info("disclosure tampered: {}", failed);
        assertTrue(failed.startsWith("failed|browser|disclosures: record "), failed);
        assertTrue(failed.contains(a) && failed.contains("is not signed in the record"), failed);
        f.sql("UPDATE envelope SET disclosures = array_replace(disclosures, ?::text, ?::text) WHERE disclosures @> ARRAY[?::text]", forged, original, forged);
        assertEquals("verified|browser|", badgeOnceItSettles(url, "verified|"));
    }

    private static String badgeOnceItSettles(String url, String prefix) throws Exception {
        String[] last = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = chromium.badgeAfterLoad(url);
            return last[0].startsWith(prefix);
        });
        return last[0];
    }

    private static List<String> storedDisclosures(String bizStep) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = f.api.db().connection(); var st = c.prepareStatement("SELECT d.text FROM epcis_event e JOIN envelope v ON v.id = e.envelope_id "
                + "CROSS JOIN LATERAL unnest(v.disclosures) WITH ORDINALITY AS d(text, n) WHERE e.biz_step = ? ORDER BY e.id, d.n")) {
            st.setString(1, bizStep);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The evidence's envelope of the event with this business step, found by its signed payload. */
    private static JsonObject envelopeOf(JsonObject doc, String bizStep) {
        for (Object o : doc.getJsonArray("envelopes")) {
            JsonObject e = (JsonObject) o;
            String payload = new String(Base64Url.decode(e.getString("jws").split("\\.")[1]), UTF_8);
            if (payload.contains("\"bizStep\":\"" + bizStep + "\"")) {
                assertTrue(e.containsKey("disclosures"), bizStep + " is an SD-JWT and says so");
                return e;
            }
        }
        throw new AssertionError("no " + bizStep + " envelope in the evidence");
    }

    private static List<String> decoded(JsonArray disclosures) {
        List<String> out = new ArrayList<>();
        disclosures.forEach(d -> out.add(new String(Base64Url.decode((String) d), UTF_8)));
        return out;
    }

    /** The answer as sent, followed by every base64url run in it decoded, so nothing hides in an encoding. */
    private static String readable(String body) {
        StringBuilder b = new StringBuilder(body);
        Matcher m = BASE64URL.matcher(body);
        while (m.find()) {
            try {
                b.append('\n').append(new String(Base64Url.decode(m.group()), UTF_8));
            } catch (IllegalArgumentException e) {
                // not base64url after all
            }
        }
        return b.toString();
    }

    private static String get(String uri, String token, String accept) throws Exception {
        var req = token == null ? f.api.client().request(HttpMethod.GET, uri) : f.api.request(HttpMethod.GET, uri, token);
        HttpResponse<Buffer> r = req.putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
        return r.bodyAsString();
    }
}
