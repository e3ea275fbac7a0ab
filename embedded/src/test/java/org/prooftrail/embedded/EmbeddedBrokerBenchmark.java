package org.prooftrail.embedded;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.embedded.testing.OnArrival;

/**
 * The embedded broker alone, in ingest's shape: QoS 1 publishes from four clients into one persistent
 * shared subscription whose member acknowledges each message as it arrives (no database). The ceiling
 * of the embedded broker on this machine, and the CPU its threads spend per message. Not part of the
 * test run (tag "benchmark"): {@code ./mvnw -pl embedded verify -Dtest=EmbeddedBrokerBenchmark
 * -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class EmbeddedBrokerBenchmark {
    private static final int PUBLISHERS = 4;
    private static final int PER_PUBLISHER = Integer.getInteger("pt.bench.messages", 60_000) / PUBLISHERS;
    /** About one signed envelope of five readings. */
    private static final int PAYLOAD_BYTES = 800;
    private static final int SUBSCRIBER_RECEIVE_MAXIMUM = 20_000;

    @Test
    void messagesPerSecondThroughAPersistentSharedSubscription(@TempDir Path home) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(home, 0)) {
            int total = PUBLISHERS * PER_PUBLISHER;
            CountDownLatch received = new CountDownLatch(total);
            MqttAsyncClient subscriber = subscriber(broker.url(), received);
            Map<String, Long> cpuBefore = cpuByThreadGroup();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                String id = "pt-bench-pub-" + p;
                Thread t = new Thread(() -> publish(broker.url(), id));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long published = System.nanoTime();
            if (!received.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(received.getCount() + " messages never arrived");
            }
            long done = System.nanoTime();
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            System.out.printf("%nEMBEDDED BROKER BENCHMARK: %d QoS 1 messages of %d bytes, %d publishers (window %d),"
                            + " one persistent shared subscriber (Receive Maximum %d), load average %.2f%n",
                    total, PAYLOAD_BYTES, PUBLISHERS, EmbeddedBroker.SERVER_RECEIVE_MAXIMUM, SUBSCRIBER_RECEIVE_MAXIMUM,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("  all acknowledged to the publishers in %.1f s, all delivered in %.1f s: %.0f messages/s%n",
                    (published - start) / 1e9, (done - start) / 1e9, total / ((done - start) / 1e9));
            cpuAfter.forEach((group, nanos) -> {
                long used = nanos - cpuBefore.getOrDefault(group, 0L);
                if (used > 0) {
                    System.out.printf("  CPU %-28s %6.2f s, %5.1f us a message%n", group, used / 1e9, used / 1e3 / total);
                }
            });
            System.out.println();
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close(true);
        }
    }

    private static void publish(String url, String clientId) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(10_000);
            Semaphore window = new Semaphore(connected.getResponseProperties().getReceiveMaximum());
            byte[] payload = new byte[PAYLOAD_BYTES];
            Arrays.fill(payload, (byte) 'x');
            List<CompletableFuture<Void>> acks = new ArrayList<>(PER_PUBLISHER);
            for (int i = 0; i < PER_PUBLISHER; i++) {
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                CompletableFuture<Void> acked = new CompletableFuture<>();
                acks.add(acked);
                window.acquire();
                client.publish("pt/bench/" + clientId + "/" + (i % 50), m, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                        acked.complete(null);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        window.release();
                        acked.completeExceptionally(e);
                    }
                });
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
            client.disconnect().waitForCompletion(5_000);
            client.close(true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MqttAsyncClient subscriber(String url, CountDownLatch received) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "pt-bench-ingest", new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new OnArrival((topic, message) -> {
            client.messageArrivedComplete(message.getId(), message.getQos());
            received.countDown();
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(3_600L);
        options.setReceiveMaximum(SUBSCRIBER_RECEIVE_MAXIMUM);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe("$share/pt-bench/pt/bench/#", 1).waitForCompletion(10_000);
        return client;
    }

    /** CPU time so far of this JVM's threads, by name without its number (HiveMQ's pools, Paho, the JIT). */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("[-#: ]*\\d+$", ""), cpu, Long::sum);
            }
        }
        return byGroup;
    }
}
