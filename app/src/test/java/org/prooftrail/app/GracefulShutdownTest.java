package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;

/**
 * Two ingest processes and one anchorer share the work; one ingest gets SIGTERM mid-stream. It
 * leaves the subscription, commits and acknowledges what it holds and exits within the grace
 * period; the other takes over; nothing is lost and nothing stored twice, and the anchorer logs it all.
 */
class GracefulShutdownTest {
    private static final int MESSAGES = 3_000;
    private static final int RATE_PER_SECOND = 300;

    @Test
    void sigtermToOneIngestMidStreamLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        // Runs against the machine's Mosquitto (CI's second pass), as the deployment promise is about
        // external brokers. HiveMQ CE, the embedded demo broker, was seen to keep a departed member's
        // share of a shared subscription from the member that stayed (3,000 acknowledged, 859 stored).
        Assumptions.assumeTrue(TestServices.externalBroker(), "needs PT_TEST_MQTT_URL (an external broker)");
        StreamFixture f = new StreamFixture("coop", "silo-", 10);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = f.serveEnv("pt-grace-" + run);
        env.put("PT_LOG_KEY_FILE", DemoLogKey.ensure(dir).toString());
        Map<String, String> envA = new HashMap<>(env);
        envA.put("PT_MQTT_CLIENT_ID", "pt-grace-a-" + run);
        Map<String, String> envB = new HashMap<>(env);
        envB.put("PT_MQTT_CLIENT_ID", "pt-grace-b-" + run);

        try (ChildProcess a = ChildProcess.start(envA, dir.resolve("a.log"), "serve", "--role", "ingest");
             ChildProcess b = ChildProcess.start(envB, dir.resolve("b.log"), "serve", "--role", "ingest");
             ChildProcess anchor = ChildProcess.start(env, dir.resolve("anchor.log"), "serve", "--role", "anchor");
             MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), "pt-grace-pub-" + run, 100)) {
            a.awaitServing(60);
            b.awaitServing(60);
            anchor.awaitServing(60);
            Thread publisher = f.publish(pub, MESSAGES, RATE_PER_SECOND);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> f.count("SELECT count(*) FROM envelope") >= 800);

            long t0 = System.nanoTime();
            int exit = a.terminate(30);
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(143, exit, "ingest A stopped by SIGTERM within the grace period");
            assertTrue(stopMillis < 30_000, "stopped in " + stopMillis + " ms");
            String logA = Files.readString(dir.resolve("a.log"));
            assertTrue(logA.contains("left $share/") && logA.contains("ingest stopped"), logA.substring(Math.max(0, logA.length() - 2000)));

            publisher.join(60_000);
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> f.count("SELECT count(*) FROM envelope") >= f.acknowledged.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("acknowledged " + f.acknowledged.size() + ", stored "
                        + f.count("SELECT count(*) FROM envelope"), e);
            }
            assertEquals(MESSAGES, f.acknowledged.size(), "the broker acknowledged every publish");
            assertEquals(List.of(), f.lost(), "nothing lost");
            assertEquals(f.count("SELECT count(*) FROM envelope"), f.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"),
                    "nothing twice");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    f.count("SELECT count(*) FROM chunk WHERE log_index IS NULL") == 0);
        } finally {
            TestServices.clearMqttSession("pt-grace-a-" + run + "-ingest");
            TestServices.clearMqttSession("pt-grace-b-" + run + "-ingest");
        }
    }
}
