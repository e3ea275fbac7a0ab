package org.prooftrail.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.embedded.testing.OnArrival;

/**
 * The demo's promise: a QoS 1 message the broker acknowledged to a device survives a restart of the
 * broker, both while it waits in ingest's persistent session and while it is in flight to ingest
 * (delivered, not yet acknowledged). Ingest's shape: a shared subscription, a persistent session,
 * manual acknowledgements after commit.
 */
class EmbeddedBrokerRestartTest {
    private static final String FILTER = "$share/pt-restart/pt/#";
    private static final String SUBSCRIBER = "pt-restart-ingest";
    private static final int MESSAGES = 3_000;
    private static final int SUBSCRIBER_RECEIVE_MAXIMUM = 1_000;

    @Test
    void acknowledgedMessagesQueuedOrInFlightSurviveARestart(@TempDir Path home) throws Exception {
        Set<String> beforeRestart = ConcurrentHashMap.newKeySet();
        try (EmbeddedBroker broker = EmbeddedBroker.start(home, 0)) {
            MqttAsyncClient away = subscriber(broker.url(), false, beforeRestart);
            away.disconnect().waitForCompletion(5_000);
            away.close(true);
            publishAll(broker.url());
            // back, ingest takes up to its Receive Maximum at once and acknowledges none of it
            MqttAsyncClient holder = subscriber(broker.url(), false, beforeRestart);
            Awaitility.await("a window as large as the subscriber's Receive Maximum").atMost(Duration.ofSeconds(30))
                    .until(() -> beforeRestart.size() >= SUBSCRIBER_RECEIVE_MAXIMUM);
            assertEquals(SUBSCRIBER_RECEIVE_MAXIMUM, beforeRestart.size(),
                    "the broker hands a shared subscriber as many unacknowledged messages as it asked for");
            holder.disconnectForcibly(0, 1_000, false);
            holder.close(true);
        }
        Set<String> afterRestart = ConcurrentHashMap.newKeySet();
        try (EmbeddedBroker broker = EmbeddedBroker.start(home, 0)) {
            MqttAsyncClient ingest = subscriber(broker.url(), true, afterRestart);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> afterRestart.size() == MESSAGES);
            assertTrue(afterRestart.containsAll(beforeRestart), "what was in flight is delivered again");
            ingest.disconnect().waitForCompletion(5_000);
            ingest.close(true);
        }
    }

    /** Publishes every message at QoS 1 and returns once the broker has acknowledged each. */
    private static void publishAll(String url) throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(url, "pt-restart-device", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        IMqttToken connected = publisher.connect(options);
        connected.waitForCompletion(10_000);
        // never more in flight than the broker takes (a refused publish would spend a topic alias)
        Semaphore window = new Semaphore(connected.getResponseProperties().getReceiveMaximum());
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            MqttMessage m = new MqttMessage(("m-" + i).getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            CompletableFuture<Void> acked = new CompletableFuture<>();
            acked.whenComplete((ok, e) -> window.release());
            acks.add(acked);
            window.acquire();
            publisher.publish("pt/dev/" + (i % 10), m, null, new Acked(acked));
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        publisher.disconnect().waitForCompletion(5_000);
        publisher.close(true);
    }

    /** Ingest's session: persistent, shared subscription; acknowledges only when {@code ack}. */
    private static MqttAsyncClient subscriber(String url, boolean ack, Set<String> received) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, SUBSCRIBER, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new OnArrival((topic, message) -> {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            if (ack) {
                client.messageArrivedComplete(message.getId(), message.getQos());
            }
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3_600L);
        options.setReceiveMaximum(SUBSCRIBER_RECEIVE_MAXIMUM);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(FILTER, 1).waitForCompletion(10_000);
        return client;
    }

    private record Acked(CompletableFuture<Void> acked) implements org.eclipse.paho.mqttv5.client.MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            acked.complete(null);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            acked.completeExceptionally(e);
        }
    }
}
