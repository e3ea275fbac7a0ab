package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.slf4j.LoggerFactory;

class IngestRejectionsTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void publishingEverythingTwiceStoresEachOnceAndAReplayedOlderSeqIsRefused() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            IngestService ingest = h.startIngest();
            SimDevice d = h.device("acme", "truck-1", SignatureAlgorithm.EdDSA);
            List<byte[]> envelopes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                envelopes.add(d.readings(T.plusSeconds(i * 60L), 5.0));
            }
            try (MqttPublisher pub = h.publisher()) {
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (byte[] e : envelopes) {
                    acks.add(pub.publish(d.readingsTopic(), e));
                    acks.add(pub.publish(d.readingsTopic(), e));
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM envelope", 200, Duration.ofSeconds(60));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> ingest.metrics().duplicateCount() >= 200);

                // seq 7 again, but with other content: a replay, not a redelivery
                pub.publish(d.readingsTopic(), d.readingsWithSeq(7, T, 30.0)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = 'REPLAY'", 1, Duration.ofSeconds(30));
            }
            assertEquals(200, h.count("SELECT count(*) FROM envelope"));
            assertEquals(200, h.count("SELECT count(*) FROM reading"));
            assertEquals(200, (long) ingest.metrics().duplicateCount());
            assertEquals(1, h.count("SELECT count(*) FROM rejected_message"));
            IngestStoresOnceTest.assertEveryChunkRecomputes(h);
        }
    }

    @Test
    void everyRejectionReasonIsStoredWithItsReasonTopicAndFirstBytes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.MAX_PAYLOAD, "4096",
                IngestSettings.SEQ_WINDOW, "100"))) {
            IngestService ingest = h.startIngest();
            SimDevice good = h.device("acme", "sensor-1", SignatureAlgorithm.EdDSA);
            SimDevice other = h.device("acme", "sensor-2", SignatureAlgorithm.ES256);
            SimDevice otherOrg = h.device("globex", "sensor-3", SignatureAlgorithm.SM2SM3);
            SimDevice revoked = h.device("acme", "sensor-4", SignatureAlgorithm.EdDSA);
            SimDevice stranger = new SimDevice("acme", "sensor-9", SignatureAlgorithm.EdDSA, 1); // never registered

            Map<RejectionReason, byte[]> crafted = new HashMap<>();
            Map<RejectionReason, String> topics = new HashMap<>();
            crafted.put(RejectionReason.OVERSIZED, new byte[5000]);
            crafted.put(RejectionReason.MALFORMED_JWS, "not.a-jws".getBytes(StandardCharsets.US_ASCII));
            crafted.put(RejectionReason.MALFORMED_JSON, good.signRaw("{\"dev\": \"sensor-1\", ".getBytes(StandardCharsets.UTF_8)));
            ObjectNode badSchema = json.createObjectNode().put("dev", "sensor-1").put("seq", 5).put("ts", T.toString());
            badSchema.putArray("readings").addObject().put("t", T.toString()).put("hum", 140.0);
            crafted.put(RejectionReason.SCHEMA_VIOLATION, good.sign(badSchema));
            crafted.put(RejectionReason.UNKNOWN_DEVICE, stranger.readings(T, 4.0));
            byte[] signedByGood = good.readingsWithSeq(900, T, 4.0);
            String s = new String(signedByGood, StandardCharsets.US_ASCII);
            char last = s.charAt(s.length() - 2);
            crafted.put(RejectionReason.BAD_SIGNATURE, (s.substring(0, s.length() - 2) + (last == 'A' ? 'B' : 'A')
                    + s.charAt(s.length() - 1)).getBytes(StandardCharsets.US_ASCII));
            crafted.put(RejectionReason.DEVICE_MISMATCH, other.readings(T, 4.0));
            topics.put(RejectionReason.DEVICE_MISMATCH, good.readingsTopic()); // sensor-2's envelope on sensor-1's topic
            crafted.put(RejectionReason.TOPIC_MISMATCH, otherOrg.readings(T, 4.0));
            topics.put(RejectionReason.TOPIC_MISMATCH, otherOrg.eventsTopic()); // readings on the events topic
            crafted.put(RejectionReason.REVOKED_KEY, revoked.readings(T, 4.0));
            crafted.put(RejectionReason.CLOCK_SKEW, good.readingsWithSeq(1400, java.time.Instant.now().plus(Duration.ofHours(2)), 4.0));

            try (MqttPublisher pub = h.publisher()) {
                // a stream that sets the window: seq 1000..1299 of sensor-1, then seq 1003 again with other
                // content (a replay) and seq 500 (never sent, more than 100 below 1299: out of window). The
                // window is narrower than the stream: a device's checks keep its order (IngestDeviceOrderTest)
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    acks.add(pub.publish(good.readingsTopic(), good.readingsWithSeq(1000 + i, T.plusSeconds(i), 5.0)));
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM envelope", 300, Duration.ofSeconds(60));
                crafted.put(RejectionReason.REPLAY, good.readingsWithSeq(1003, T, 99.0));
                crafted.put(RejectionReason.SEQ_OUT_OF_WINDOW, good.readingsWithSeq(500, T.minusSeconds(5), 5.0));

                h.registry.revokeKey(revoked.kid());
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        h.registry.findKey(revoked.kid()).orElseThrow().revoked());
                for (Map.Entry<RejectionReason, byte[]> e : crafted.entrySet()) {
                    if (e.getKey() == RejectionReason.REVOKED_KEY) {
                        continue;
                    }
                    pub.publish(topics.getOrDefault(e.getKey(), good.readingsTopic()), e.getValue()).get(10, TimeUnit.SECONDS);
                }
                // revocation reaches ingest's key cache through the poll (200 ms here): keep sending
                // until it bites, which also shows that it does within seconds
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    pub.publish(revoked.readingsTopic(), revoked.readings(T, 4.0)).get(10, TimeUnit.SECONDS);
                    return h.count("SELECT count(*) FROM rejected_message WHERE reason = 'REVOKED_KEY'") > 0;
                });
            }
            for (RejectionReason reason : crafted.keySet()) {
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = '" + reason.name() + "'", 1, Duration.ofSeconds(30));
                assertTrue(ingest.metrics().rejectedCount(reason) >= 1, "metric counts " + reason);
            }
            try (Connection c = h.db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT reason, topic, detail, payload_size, length(payload_head) FROM rejected_message")) {
                while (rs.next()) {
                    assertTrue(rs.getString(2).startsWith("pt/v1/"), "topic kept");
                    assertTrue(!rs.getString(3).isBlank(), "a reason a person can act on: " + rs.getString(1));
                    assertEquals(Math.min(rs.getInt(4), 512), rs.getInt(5), "first bytes kept, capped");
                }
            }
            assertEquals(0, h.count("SELECT count(*) FROM envelope WHERE seq IN (500, 900, 1400) OR device_id <> 'sensor-1'"),
                    "nothing refused was stored");
        }
    }

    /**
     * Numbers a device may send that are not what the field takes: each is an ordinary rejection, stored
     * with a detail naming the field and what is wrong, and logged as one line like any other. A seq of
     * 1e999 used to fail the check itself: "could not be checked: NumberFormatException ..." and a stack
     * trace logged for every such message.
     */
    @Test
    void numbersOutOfRangeAreStoredAsPreciseRejectionsAndLogNoStackTrace() throws Exception {
        String reading = "{\"t\":\"" + T + "\",\"temp\":4.5}";
        Map<String, String> details = new LinkedHashMap<>();
        for (String seq : List.of("1e999", "1.5", "1e20", "-1", "9223372036854775808")) {
            details.put("{\"seq\":" + seq + ",\"readings\":[" + reading + "]}", "seq: must be an integer from 0 to 2^63-1, not "
                    + switch (seq) {
                        case "1e999" -> "a number beyond the range of a double (-1.8E+308 to 1.8E+308)";
                        case "1e20" -> "1E+20 written with a fraction or exponent";
                        default -> seq;
                    });
        }
        details.put("{\"seq\":1,\"readings\":[{\"t\":\"" + T + "\",\"temp\":-1e999}]}", "readings[0].temp: is too large to be a number");
        details.put("{\"seq\":2,\"readings\":[{\"t\":\"" + T + "\",\"lat\":1e999,\"lon\":0}]}", "readings[0].lat: is too large to be a number");
        details.put("{\"seq\":3,\"readings\":[{\"t\":\"" + T + "\",\"hum\":100.5}]}", "readings[0].hum: 100.5 is above the maximum 100");
        details.put("{\"seq\":4,\"readings\":[{\"t\":1e999}]}", "readings[0].t: must be a string, not a number");

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try (IngestHarness h = new IngestHarness(Map.of())) {
            IngestService ingest = h.startIngest();
            SimDevice d = h.device("acme", "sensor-" + h.run, SignatureAlgorithm.EdDSA);
            try (MqttPublisher pub = h.publisher()) {
                for (String payload : details.keySet()) {
                    String envelope = payload.replaceFirst("\\{", "{\"dev\":\"" + d.id() + "\",\"ts\":\"" + T + "\",");
                    pub.publish(d.readingsTopic(), d.signRaw(envelope.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                }
            }
            // this device's only: a broker shared with other tests also brings their messages, refused here
            String mine = "SELECT count(*) FROM rejected_message WHERE topic = '" + d.readingsTopic() + "'";
            h.awaitCount(mine, details.size(), Duration.ofSeconds(30));
            for (String detail : details.values()) {
                assertEquals(1, h.count(mine + " AND reason = 'SCHEMA_VIOLATION' AND detail = '" + detail + "'"), detail);
            }
            assertEquals(0, h.count("SELECT count(*) FROM envelope"));
            assertTrue(ingest.metrics().rejectedCount(RejectionReason.SCHEMA_VIOLATION) >= details.size());
        } finally {
            root.detachAppender(log);
            log.stop();
        }
        List<String> lines;
        synchronized (log) {
            lines = log.list.stream().filter(e -> e.getFormattedMessage().contains("SCHEMA_VIOLATION")
                    || e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
        for (String detail : details.values()) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith("INFO rejected SCHEMA_VIOLATION") && l.endsWith(": " + detail)).count(),
                    () -> detail + " logged once, at INFO: " + lines);
        }
        assertTrue(lines.stream().noneMatch(l -> l.contains("could not be checked") || l.startsWith("WARN") || l.startsWith("ERROR")),
                () -> String.join("\n", lines));
    }

    @Test
    void messagesOnTopicsOutsideTheAcceptedShapeAndReadingsFromTheFutureAreStoredAsRejections() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (IngestHarness h = new IngestHarness(Map.of())) {
            IngestService ingest = h.startIngest();
            SimDevice d = h.device("acme", "sensor-" + h.run, SignatureAlgorithm.EdDSA);
            String base = "pt/v1/acme/" + d.id();
            // each matched no subscription before: the broker dropped them without a trace
            List<String> strayTopics = List.of(base, base + "/readings/extra", "pt/v2/acme/" + d.id() + "/readings", "pt/" + h.run);
            ObjectNode future = json.createObjectNode().put("dev", d.id()).put("seq", 77).put("ts", Instant.now().toString());
            future.putArray("readings").addObject().put("t", "9999-12-31T23:59:59Z").put("temp", 4.0);
            try (MqttPublisher pub = h.publisher()) {
                for (int i = 0; i < strayTopics.size(); i++) {
                    pub.publish(strayTopics.get(i), d.readingsWithSeq(10 + i, T, 4.0)).get(10, TimeUnit.SECONDS);
                }
                pub.publish(d.readingsTopic(), d.sign(future)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = 'TOPIC_MISMATCH'", strayTopics.size(),
                        Duration.ofSeconds(30));
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = 'CLOCK_SKEW'", 1, Duration.ofSeconds(30));
            }
            for (String topic : strayTopics) {
                assertEquals(1, h.count("SELECT count(*) FROM rejected_message WHERE reason = 'TOPIC_MISMATCH' AND topic = '"
                        + topic + "' AND detail LIKE '%is not pt/v1/{org}/{device}/readings%'"), topic);
            }
            assertEquals(strayTopics.size(), (long) ingest.metrics().rejectedCount(RejectionReason.TOPIC_MISMATCH));
            assertEquals(1, h.count("SELECT count(*) FROM rejected_message WHERE reason = 'CLOCK_SKEW' "
                    + "AND detail LIKE 'readings[0].t 9999-12-31T23:59:59Z is more than % s ahead%'"));
            assertEquals(0, h.count("SELECT count(*) FROM envelope"), "nothing of it was stored as an envelope");
        }
    }
}
