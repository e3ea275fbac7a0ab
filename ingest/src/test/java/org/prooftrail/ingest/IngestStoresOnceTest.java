package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

class IngestStoresOnceTest {

    @Test
    void tenThousandEnvelopesFromAHundredDevicesAreStoredExactlyOnceInVerifiableChunks() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            h.startIngest();
            List<SimDevice> devices = new ArrayList<>();
            SignatureAlgorithm[] algs = {SignatureAlgorithm.EdDSA, SignatureAlgorithm.ES256, SignatureAlgorithm.SM2SM3};
            for (int i = 0; i < 100; i++) {
                // mostly Ed25519, as fleets are; every algorithm is represented
                devices.add(h.device("farm-" + (i % 4), "dev-" + i, i % 10 == 0 ? algs[(i / 10) % 3] : SignatureAlgorithm.EdDSA));
            }
            Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            try (MqttPublisher pub = h.publisher()) {
                for (int round = 0; round < 100; round++) {
                    for (SimDevice d : devices) {
                        acks.add(pub.publish(d.readingsTopic(), d.readings(t0.plusSeconds(round * 10L), 4.0 + round % 3, 5.0)));
                    }
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
            }
            h.awaitCount("SELECT count(*) FROM envelope", 10_000, Duration.ofSeconds(120));

            assertEquals(10_000, h.count("SELECT count(*) FROM envelope"));
            assertEquals(10_000, h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            assertEquals(20_000, h.count("SELECT count(*) FROM reading"));
            assertEquals(10_000, h.count("SELECT coalesce(sum(size), 0) FROM chunk"));
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message"));
            assertEquals(0, h.count("SELECT coalesce(sum(max_seq - first_seq + 1 - stored_count), 0) FROM device_stream"),
                    "no sequence gaps");
            assertEveryChunkRecomputes(h);
        }
    }

    /** Each chunk's root is the RFC 9162 root of its envelopes' leaf hashes, in leaf order. */
    static void assertEveryChunkRecomputes(IngestHarness h) throws Exception {
        MerkleHasher hasher = MerkleHasher.sha256();
        try (Connection c = h.db.connection();
             PreparedStatement chunks = c.prepareStatement("SELECT id, size, root, leaf_hashes FROM chunk ORDER BY id");
             PreparedStatement envelopes = c.prepareStatement(
                     "SELECT leaf_index, jws FROM envelope WHERE chunk_id = ? ORDER BY leaf_index");
             ResultSet rs = chunks.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                int size = rs.getInt(2);
                byte[] packed = rs.getBytes(4);
                List<byte[]> leaves = new ArrayList<>();
                envelopes.setLong(1, id);
                try (ResultSet e = envelopes.executeQuery()) {
                    int expected = 0;
                    while (e.next()) {
                        assertEquals(expected++, e.getInt(1), "leaf indexes of chunk " + id + " are dense");
                        leaves.add(hasher.hashLeaf(e.getBytes(2)));
                    }
                }
                assertEquals(size, leaves.size(), "chunk " + id + " holds as many envelopes as its size");
                for (int i = 0; i < size; i++) {
                    assertArrayEquals(leaves.get(i), java.util.Arrays.copyOfRange(packed, i * 32, i * 32 + 32));
                }
                assertArrayEquals(MerkleTree.of(hasher, leaves).root(), rs.getBytes(3), "root of chunk " + id);
            }
        }
    }
}
