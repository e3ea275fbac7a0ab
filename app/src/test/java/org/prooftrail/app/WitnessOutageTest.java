package org.prooftrail.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.sim.SimDevice;

/**
 * Real MQTT ingest beside three witnesses, quorum 2. With two witnesses stopped, devices keep publishing
 * and ingest stores and acknowledges every envelope as before, while checkpoints are held back: the new
 * envelopes' proofs are 404 (pending) and the anchorer's readiness says why. One witness restarted, on
 * its port with its state, and publishing resumes by itself: the held envelopes get proofs with at
 * least two cosignatures.
 */
class WitnessOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FIRST = 5;
    /** More than a broker sends before it wants acknowledgements (Mosquitto: 20): a stalled ingest would show. */
    private static final int DURING_OUTAGE = 30;

    @Test
    void ingestGoesOnWhileCheckpointsWaitForTheQuorumAndResumesWhenAWitnessReturns(@TempDir Path dir) throws Exception {
        try (WitnessedLog log = new WitnessedLog(dir, 2)) {
            WitnessPolicy policy = log.policy();
            log.publish(FIRST);
            for (SimDevice d : log.devices) {
                ProofBundle p = awaitProof(log, d, FIRST);
                assertTrue(policy.check(p.checkpoint().note()).met(), "cosigned by the quorum: " + p.checkpoint().cosigners());
            }
            await().atMost(WAIT).until(() -> log.get("/health/ready").statusCode() == 200);
            long publishedBefore = publishedSize(log);

            WitnessedLog.TestWitness returning = log.witnesses.get(1);
            long knew = returning.cosignedSize();
            assertTrue(knew >= 1, "the witness cosigned before it stopped");
            returning.stop();
            log.witnesses.get(2).stop();
            log.publish(DURING_OUTAGE);
            int total = log.devices.size() * (FIRST + DURING_OUTAGE);

            // Ingest: every envelope stored, and every message it received acknowledged (none left in flight).
            await().atMost(WAIT).until(() -> count(log, "SELECT count(*) FROM envelope") == total);
            await().atMost(WAIT).until(() -> metric(log, "pt_ingest_in_flight") == 0);
            assertEquals(total, metric(log, "pt_ingest_stored_total"), "stored as before");
            assertEquals(total, metric(log, "pt_ingest_received_total"), "nothing redelivered: every message was acknowledged once");

            // The anchorer: every chunk logged, the checkpoint over them held back, and readiness says why.
            await().atMost(WAIT).until(() -> count(log, "SELECT count(*) FROM chunk WHERE log_index IS NULL") == 0);
            await().atMost(WAIT).until(() -> log.get("/health/ready").statusCode() == 503);
            HttpResponse<String> ready = log.get("/health/ready");
            assertTrue(ready.body().contains("held back") && ready.body().contains("1 of the 2 cosignatures needed")
                    && ready.body().contains(returning.name), ready.body());
            assertEquals(publishedBefore, publishedSize(log), "nothing newer is published without the quorum");
            long lastSeq = FIRST + DURING_OUTAGE;
            for (SimDevice d : log.devices) {
                assertNull(log.proof(d, lastSeq), "pending: no proof of " + d.id() + "/" + lastSeq + " before the quorum cosigns");
                assertEquals(200, log.get("/v1/proofs/" + d.id() + "/" + FIRST).statusCode(), "older proofs are still served");
            }

            returning.start();
            assertEquals(knew, returning.cosignedSize(), "the restarted witness kept what it cosigned");
            for (SimDevice d : log.devices) {
                for (long seq : List.of(FIRST + 1L, lastSeq)) {
                    ProofBundle p = awaitProof(log, d, seq);
                    WitnessPolicy.Result r = policy.check(p.checkpoint().note());
                    assertTrue(r.met() && r.cosigners().size() >= 2, "two cosignatures: " + r.cosigners());
                    assertTrue(r.cosigners().contains(returning.name), "the returned witness cosigned: " + r.cosigners());
                }
            }
            await().atMost(WAIT).until(() -> log.get("/health/ready").statusCode() == 200);
        }
    }

    private static ProofBundle awaitProof(WitnessedLog log, SimDevice d, long seq) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> log.proof(d, seq), p -> p != null);
    }

    private static long publishedSize(WitnessedLog log) throws Exception {
        return count(log, "SELECT coalesce(max(tree_size), 0) FROM checkpoint WHERE NOT held");
    }

    private static long count(WitnessedLog log, String sql) throws Exception {
        try (Connection c = log.node.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A sample without labels from the node's Prometheus page. */
    private static double metric(WitnessedLog log, String name) throws Exception {
        for (String line : log.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + name + " on /metrics");
    }
}
