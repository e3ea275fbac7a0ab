package org.prooftrail.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.prooftrail.core.mqtt.BufferedReadSockets;
import org.prooftrail.embedded.testing.OnArrival;
import org.prooftrail.sim.MqttPublisher;

/**
 * The broker alone as a limit for ingest: QoS 1 messages of an envelope's size a second from four
 * publishers (the simulator's own {@link MqttPublisher}, each with up to 2,000 awaiting their PUBACK) through
 * a shared subscription to one subscriber with Receive Maximum 20,000, as ingest subscribes, which
 * acknowledges each on arrival: no verification, no database. Its topic is outside ingest's {@code pt/#}.
 *
 * <p>The publishers stay at most {@link #AHEAD} messages ahead of what has arrived: a broker
 * acknowledges a publish once queued, and Mosquitto's default queue for a subscriber (1,000 messages
 * beyond those in flight to it) drops what does not fit, so publishers let run free measure loss, not a rate.
 * The machine's long-running Mosquitto dropped some even so (798 of 100,000 with 800 ahead: "Outgoing
 * messages are being dropped" in its log, as in docs/benchmarks.md, "Loss on the machine's Mosquitto"),
 * so loss is reported beside the rate rather than failing the run; after a second without arrivals,
 * what has not arrived is taken as lost and its place in the window given back.
 */
final class BrokerCeiling {
    private static final int PUBLISHERS = 4;
    static final int AHEAD = 800;
    /** How long arrivals may pause before the rest are counted as lost. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);

    private BrokerCeiling() {
    }

    /** Published messages not yet arrived; after a pause in arrivals they are taken as lost and their places given back. */
    private static final class Window {
        private long published;
        private long writtenOff;

        synchronized void published() {
            published++;
        }

        synchronized void writeOffMissing(Semaphore ahead, long arrived) {
            long missing = published - arrived - writtenOff;
            if (missing > 0) {
                writtenOff += missing;
                ahead.release((int) missing);
            }
        }
    }

    /** @param perSecond messages received per second, from the first publish to the last arrival */
    record Result(double perSecond, long arrived, long sent) {
        String describe() {
            return String.format("%.0f QoS 1 messages/s", perSecond)
                    + (arrived < sent ? String.format(" (%,d of %,d arrived: the broker dropped the rest)", arrived, sent) : "");
        }
    }

    static Result rate(String url, int messages, int payloadBytes) throws Exception {
        String id = "pt-ceiling-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "pt-ceiling/" + id;
        CountDownLatch arrived = new CountDownLatch(messages);
        Semaphore ahead = new Semaphore(AHEAD);
        AtomicLong lastArrival = new AtomicLong();
        Window window = new Window();
        MqttAsyncClient subscriber = new MqttAsyncClient(url, id + "-sub", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(20_000);
        BufferedReadSockets.forUrl(url).ifPresent(options::setSocketFactory);
        subscriber.setCallback(new OnArrival((t, m) -> {
            arrived.countDown(); // Paho acknowledges when this returns
            lastArrival.set(System.nanoTime());
            ahead.release();
        }));
        subscriber.connect(options).waitForCompletion(10_000);
        ExecutorService loops = Executors.newFixedThreadPool(PUBLISHERS);
        List<MqttPublisher> publishers = new ArrayList<>();
        try {
            subscriber.subscribe(new MqttSubscription("$share/" + id + "/" + topic, 1)).waitForCompletion(10_000);
            byte[] payload = new byte[payloadBytes];
            new Random(payloadBytes).nextBytes(payload);
            for (int p = 0; p < PUBLISHERS; p++) {
                publishers.add(new MqttPublisher(url, id + "-pub" + p, 2000));
            }
            long start = System.nanoTime();
            List<Future<?>> sending = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                MqttPublisher pub = publishers.get(p);
                int share = messages / PUBLISHERS + (p < messages % PUBLISHERS ? 1 : 0);
                sending.add(loops.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        while (!ahead.tryAcquire(1, TimeUnit.SECONDS)) {
                            window.writeOffMissing(ahead, messages - arrived.getCount());
                        }
                        window.published();
                        pub.publish(topic, payload);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get(5, TimeUnit.MINUTES);
            }
            long left = arrived.getCount();
            long progressAt = System.nanoTime();
            while (!arrived.await(1, TimeUnit.SECONDS)) {
                if (arrived.getCount() < left) {
                    left = arrived.getCount();
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                    break;
                }
            }
            long got = messages - arrived.getCount();
            return new Result(got / ((lastArrival.get() - start) / 1e9), got, messages);
        } finally {
            publishers.forEach(MqttPublisher::close);
            loops.shutdownNow();
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close(true);
        }
    }
}
