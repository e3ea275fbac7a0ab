package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;

/**
 * Kills the ingest process with SIGKILL in the middle of a stream and starts it again: every message
 * the broker acknowledged to the publisher must end up stored, none twice. The publisher is paced
 * (250 messages/s) so that what queues at the broker while ingest is down stays under Mosquitto's
 * default limit of 1,000 queued messages per session, past which Mosquitto itself drops messages.
 */
class IngestKillTest {
    private static final int MESSAGES = 3_000;
    // While no ingest runs, a broker queues what arrives: Mosquitto's default is 1,000 messages (plus 20
    // in flight) and it drops the rest. At 150/s that is 6.8 s for the restarted process to connect,
    // which its start (JVM, eight migrations) fits with room; at 250/s it had 4 s and sometimes missed.
    private static final int RATE_PER_SECOND = 150;

    @Test
    void afterSigkillAndRestartEveryAcknowledgedMessageIsStoredOnce(@TempDir Path dir) throws Exception {
        StreamFixture f = new StreamFixture("pharma", "line-", 10);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = f.serveEnv("pt-kill-" + run);
        env.put("PT_MQTT_CLIENT_ID", "pt-kill-" + run);
        Path log = dir.resolve("ingest.log");

        ChildProcess first = ChildProcess.start(env, log, "serve", "--role", "ingest");
        first.awaitServing(60);
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), "pt-kill-pub-" + run, 100)) {
            Thread publisher = f.publish(pub, MESSAGES, RATE_PER_SECOND);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> f.count("SELECT count(*) FROM envelope") >= 500);
            first.kill();
            long storedAtKill = f.count("SELECT count(*) FROM envelope");
            assertTrue(storedAtKill < MESSAGES, "killed mid-stream");

            try (ChildProcess second = ChildProcess.start(env, log, "serve", "--role", "ingest")) {
                second.awaitServing(60);
                publisher.join(60_000);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> f.count("SELECT count(*) FROM envelope") >= f.acknowledged.size());
                assertEquals(List.of(), f.lost(), "every acknowledged message is stored");
                assertEquals(f.count("SELECT count(*) FROM envelope"),
                        f.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"), "none twice");
                // the JVM reports 143 (128 + SIGTERM) once its shutdown hooks have run
                int exit = second.terminate(30);
                assertEquals(143, exit, "stopped by SIGTERM, not killed after the grace period");
                String output = Files.readString(log);
                assertTrue(output.contains("ingest stopped"), "ingest drained and stopped: " + output.substring(Math.max(0, output.length() - 3000)));
            }
        } finally {
            first.close();
            TestServices.clearMqttSession("pt-kill-" + run + "-ingest");
        }
    }
}
