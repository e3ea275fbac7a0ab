package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;

/**
 * The demo's data as an outsider would walk it: every seq of every device (from a little before its
 * first to a little after its last, up to {@value #MAX_PER_DEVICE} a device), anonymously, over HTTP.
 * The demo's packing line signs AggregationEvents naming each case's packs, as SD-JWTs; the walk collects
 * none of the registered serial numbers, and no quantity or business transaction, even from the
 * disclosures bundles carry. The same walk with the regulator token the demo prints reads them all.
 */
class DemoEnumerationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Readings devices sign many envelopes; events are walked in full, readings up to this many. */
    private static final int MAX_PER_DEVICE = 150;

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Range(long first, long last, boolean events) {
    }

    @Test
    void anAnonymousWalkOverTheDemosSeqsCollectsNoSerial(@TempDir Path home) throws Exception {
        Settings settings = Settings.of(Map.of("PT_PROOF_RATE_LIMIT", "1000000"));
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), settings, true)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> DemoLinks.proof(demo), Optional::isPresent);
            // the walk covers what checkpoints cover: wait until the scenarios' events (the farm's quantities
            // among them) are stored and every stored event is in a logged chunk
            Awaitility.await("the scenarios' events stored and logged").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        try (Connection c = demo.node().database().dataSource().getConnection(); Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM epcis_event WHERE doc::text LIKE '%KGM%'), "
                                     + "(SELECT count(*) FROM envelope e JOIN chunk ch ON ch.id = e.chunk_id "
                                     + "WHERE e.kind = 'event' AND ch.log_index IS NULL)")) {
                            rs.next();
                            return rs.getLong(1) > 0 && rs.getLong(2) == 0;
                        }
                    });
            DemoLinks.Tokens tokens = DemoLinks.tokens(home, demo.pack().maker());
            Map<String, Range> devices = new LinkedHashMap<>();
            List<String> serials = new ArrayList<>();
            try (Connection c = demo.node().database().dataSource().getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT e.device_id, min(e.seq), max(e.seq), bool_or(e.kind = 'event') "
                        + "FROM envelope e JOIN chunk ch ON ch.id = e.chunk_id WHERE ch.log_index IS NOT NULL GROUP BY 1 ORDER BY 1")) {
                    while (rs.next()) {
                        devices.put(rs.getString(1), new Range(rs.getLong(2), rs.getLong(3), rs.getBoolean(4)));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT serial FROM item")) {
                    while (rs.next()) {
                        serials.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM epcis_event WHERE event_type = 'AggregationEvent'")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, "the demo signs AggregationEvents");
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE e.disclosures IS NOT NULL), count(*) "
                        + "FROM envelope e WHERE e.kind = 'event'")) {
                    rs.next();
                    assertEquals(rs.getLong(2), rs.getLong(1), "every event the demo signs is an SD-JWT");
                }
            }
            assertTrue(devices.values().stream().anyMatch(Range::events), "some device signed events: " + devices);
            assertFalse(serials.isEmpty());

            String anonymous = walk(demo.httpBase(), devices, null);
            List<String> leaked = serials.stream().filter(anonymous::contains).toList();
            assertEquals(List.of(), leaked, "serials an anonymous walk collected");
            // the scenarios' quantity lists (100, 400, 500 KGM) are concealed by the default policy
            // the unit as a JSON string: bare "KGM" turns up by chance in base64 signatures and cosignatures
            int q = Math.max(anonymous.indexOf("\"quantity\""), anonymous.indexOf("\"KGM\""));
            assertFalse(q >= 0, () -> "quantities an anonymous walk collected: ..."
                    + anonymous.substring(Math.max(0, q - 1500), Math.min(anonymous.length(), q + 300)));
            assertFalse(anonymous.contains("bizTransaction"), "business transactions an anonymous walk collected");

            String regulator = walk(demo.httpBase(), devices, tokens.regulator());
            assertTrue(serials.stream().anyMatch(regulator::contains), "the regulator's walk reads the packs' serials");
            assertTrue(regulator.contains("\"quantity\"") && regulator.contains("\"KGM\""), "the regulator's walk reads the quantities");
        }
    }

    /** Every answer's body, and every served envelope's decoded payload and disclosures, one after another. */
    private static String walk(String base, Map<String, Range> devices, String token) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (var d : devices.entrySet()) {
            Range r = d.getValue();
            long last = r.events() ? r.last() + 2 : Math.min(r.last() + 2, r.first() + MAX_PER_DEVICE);
            for (long seq = r.first() - 2; seq <= last; seq++) {
                HttpResponse<String> answer = get(base + "/v1/proofs/" + d.getKey() + "/" + seq, token);
                seen.append(answer.body()).append('\n');
                if (answer.statusCode() == 200) {
                    JsonObject envelope = new JsonObject(answer.body()).getJsonObject("envelope");
                    String jws = envelope.getString("jws");
                    seen.append(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8)).append('\n');
                    for (Object disclosure : envelope.getJsonArray("disclosures", new io.vertx.core.json.JsonArray())) {
                        seen.append(new String(Base64.getUrlDecoder().decode((String) disclosure), StandardCharsets.UTF_8)).append('\n');
                    }
                } else {
                    assertEquals(404, answer.statusCode(), answer.body());
                }
            }
        }
        return seen.toString();
    }
}
