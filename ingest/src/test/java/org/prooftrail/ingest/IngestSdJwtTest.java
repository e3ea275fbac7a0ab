package org.prooftrail.ingest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.Jws;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdDigests;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/** SD-JWT events through a real broker: stored with their disclosures apart, the leaf over the JWT alone; tampering refused. */
class IngestSdJwtTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
    private static final String CASE = "https://id.gs1.org/00/095212340000000017";
    private static final String PACK_A = "https://id.gs1.org/01/09521234543213/21/PACKA7Q2";
    private static final String PACK_B = "https://id.gs1.org/01/09521234543213/21/PACKB9X4";

    private static ObjectNode packing() {
        ObjectNode e = JSON.createObjectNode().put("type", "AggregationEvent").put("eventTime", "2026-11-20T16:00:00+08:00")
                .put("eventTimeZoneOffset", "+08:00").put("action", "ADD").put("parentID", CASE)
                .put("bizStep", "packing").put("disposition", "in_progress");
        e.putArray("childEPCs").add(PACK_A).add(PACK_B);
        e.putObject("readPoint").put("id", "https://id.gs1.org/414/9521234000006");
        e.putArray("bizTransactionList").addObject().put("type", "po").put("bizTransaction", "urn:epcglobal:cbv:bt:9521234000006:PO-77");
        return e;
    }

    @Test
    void aValidSdJwtEventIsStoredWithItsDisclosuresApartAndItsLeafOverTheJwtAlone() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            IngestService ingest = h.startIngest();
            SimDevice line = h.device("acme", "line-" + h.run, SignatureAlgorithm.SM2SM3)
                    .signEventsAsSdJwt(EpcisDisclosurePolicy.defaults());
            SimDevice plain = h.device("acme", "plain-" + h.run, SignatureAlgorithm.EdDSA);
            SdJwt sd = line.sdJwtEvent(line.nextSeq(), T, packing(), EpcisDisclosurePolicy.defaults());
            try (MqttPublisher pub = h.publisher()) {
                pub.publish(line.eventsTopic(), sd.serialize().getBytes(US_ASCII)).get(10, TimeUnit.SECONDS);
                pub.publish(plain.eventsTopic(), plain.event(T, packing())).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM epcis_event", 2, Duration.ofSeconds(30));
            }
            try (Connection c = h.db.connection()) {
                long envelopeId;
                try (PreparedStatement st = c.prepareStatement("SELECT id, jws, leaf_index, chunk_id FROM envelope WHERE device_id = ?")) {
                    st.setString(1, line.id());
                    try (ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next());
                        envelopeId = rs.getLong(1);
                        assertArrayEquals(sd.jwtBytes(), rs.getBytes(2), "envelope.jws is the issuer-signed JWT alone");
                        try (PreparedStatement leaf = c.prepareStatement("SELECT leaf_hashes FROM chunk WHERE id = ?")) {
                            leaf.setLong(1, rs.getLong(4));
                            try (ResultSet l = leaf.executeQuery()) {
                                assertTrue(l.next());
                                int i = rs.getInt(3);
                                assertArrayEquals(MerkleHasher.sha256().hashLeaf(sd.jwtBytes()),
                                        java.util.Arrays.copyOfRange(l.getBytes(1), i * 32, i * 32 + 32), "leaf = H(0x00 || JWT)");
                            }
                        }
                    }
                }
                Map<String, String> stored = new LinkedHashMap<>();
                try (PreparedStatement st = c.prepareStatement("SELECT unnest(disclosures) FROM envelope WHERE id = ?")) {
                    st.setLong(1, envelopeId);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            stored.put(SdDigests.digest(rs.getString(1)), rs.getString(1));
                        }
                    }
                }
                assertEquals(sd.disclosures(), new ArrayList<>(stored.values()), "every disclosure, in order");
                String signed = new String(Jws.parse(sd.jwtBytes()).payload(), UTF_8);
                for (Map.Entry<String, String> d : stored.entrySet()) {
                    assertTrue(signed.contains(d.getKey()), "each stored digest is in the signed JWT");
                }
                assertTrue(!signed.contains("PACKA7Q2") && !signed.contains("PO-77"), "no code or transaction in the signed part");
                // the pipeline worked on the disclosed full event
                try (PreparedStatement st = c.prepareStatement("SELECT doc::text FROM epcis_event WHERE envelope_id = ?")) {
                    st.setLong(1, envelopeId);
                    try (ResultSet rs = st.executeQuery()) {
                        assertTrue(rs.next());
                        com.fasterxml.jackson.databind.JsonNode doc = JSON.readTree(rs.getString(1));
                        for (String member : List.of("parentID", "childEPCs", "bizTransactionList", "bizStep", "readPoint")) {
                            assertEquals(packing().get(member), doc.get(member), member);
                        }
                    }
                }
                assertEquals(3, h.count("SELECT count(*) FROM event_epc x JOIN epcis_event e ON e.id = x.event_id "
                        + "JOIN envelope v ON v.id = e.envelope_id WHERE v.device_id = '" + line.id() + "'"), "parent and both children indexed");
            }
            assertEquals(0, h.count("SELECT count(*) FROM envelope v WHERE v.disclosures IS NOT NULL "
                    + "AND v.device_id = '" + plain.id() + "'"), "a plain JWS event has none");
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message"));
            assertEquals(0L, (long) ingest.metrics().rejectedCount(RejectionReason.DISCLOSURE_UNMATCHED));
            IngestStoresOnceTest.assertEveryChunkRecomputes(h);
        }
    }

    @Test
    void tamperedSdJwtEventsAreRefusedWithCountedReasonsAndNothingOfThemIsStored() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            IngestService ingest = h.startIngest();
            SimDevice line = h.device("acme", "line-" + h.run, SignatureAlgorithm.ES256);
            EpcisDisclosurePolicy policy = EpcisDisclosurePolicy.defaults();
            SdJwt other = line.sdJwtEvent(900, T, packing(), policy);
            Map<RejectionReason, String> crafted = new LinkedHashMap<>();

            SdJwt a = line.sdJwtEvent(10, T, packing(), policy);
            Disclosure first = Disclosure.parse(a.disclosures().get(0));
            String changed = Disclosure.create(first.salt(), first.name(), JSON.getNodeFactory().textNode(PACK_B + "0")).encoded();
            crafted.put(RejectionReason.DISCLOSURE_UNMATCHED, replaceFirst(a, changed));

            SdJwt b = line.sdJwtEvent(11, T, packing(), policy);
            crafted.put(RejectionReason.MALFORMED_DISCLOSURE, replaceFirst(b, Base64Url.encode("[\"salt-only\"]".getBytes(UTF_8))));

            SdJwt c = line.sdJwtEvent(12, T, packing(), policy);
            crafted.put(RejectionReason.MISSING_SIGNATURE, new SdJwt(c.jwt().substring(0, c.jwt().lastIndexOf('.') + 1), c.disclosures()).serialize());

            // a disclosure that belongs to another envelope: its digest is not in this JWT
            SdJwt d = line.sdJwtEvent(13, T, packing(), policy);
            List<String> plusForeign = new ArrayList<>(d.disclosures());
            plusForeign.add(other.disclosures().get(0));
            String foreign = new SdJwt(d.jwt(), plusForeign).serialize();

            // the signer listed one digest twice
            SdJwt e = line.sdJwtEvent(14, T, packing(), policy);
            ObjectNode payload = (ObjectNode) JSON.readTree(Jws.parse(e.jwtBytes()).payload());
            ArrayNode children = (ArrayNode) payload.get("event").get("childEPCs");
            children.add(children.get(0).deepCopy());
            crafted.put(RejectionReason.DUPLICATE_DIGEST, new String(line.sign(payload), US_ASCII) + "~" + String.join("~", e.disclosures()) + "~");

            try (MqttPublisher pub = h.publisher()) {
                for (String message : crafted.values()) {
                    pub.publish(line.eventsTopic(), message.getBytes(US_ASCII)).get(10, TimeUnit.SECONDS);
                }
                pub.publish(line.eventsTopic(), foreign.getBytes(US_ASCII)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM rejected_message", crafted.size() + 1, Duration.ofSeconds(30));
            }
            for (RejectionReason reason : crafted.keySet()) {
                assertEquals(reason == RejectionReason.DISCLOSURE_UNMATCHED ? 2 : 1,
                        h.count("SELECT count(*) FROM rejected_message WHERE reason = '" + reason.name() + "' AND detail <> ''"), reason.name());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    ingest.metrics().rejectedCount(RejectionReason.DISCLOSURE_UNMATCHED) == 2
                            && ingest.metrics().rejectedCount(RejectionReason.MALFORMED_DISCLOSURE) == 1
                            && ingest.metrics().rejectedCount(RejectionReason.MISSING_SIGNATURE) == 1
                            && ingest.metrics().rejectedCount(RejectionReason.DUPLICATE_DIGEST) == 1);
            assertEquals(0, h.count("SELECT count(*) FROM envelope"), "nothing refused was stored");
            assertEquals(0, h.count("SELECT count(*) FROM envelope WHERE disclosures IS NOT NULL"));
        }
    }

    private static String replaceFirst(SdJwt sd, String disclosure) {
        List<String> list = new ArrayList<>(sd.disclosures());
        list.set(0, disclosure);
        return new SdJwt(sd.jwt(), list).serialize();
    }
}
