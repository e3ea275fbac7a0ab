package org.prooftrail.sim;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, steady stream for the demo: every device sends one signed reading a second (the steady
 * ones, a fridge watching the demo's packs, once a minute and always in band), around 5 °C
 * with a little noise and, now and then, a warm spell that a cold-chain rule would flag.
 */
public final class DemoSimulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSimulation.class);

    private final MqttPublisher publisher;
    private final List<SimDevice> devices;
    private final java.util.Set<String> steady;
    private final ScheduledExecutorService timer;
    private final Random random = new Random();
    private long ticks;

    /**
     * @param steady ids of devices that keep within the band and report once a minute, as a fridge
     *               logger watching goods on sale does (a reading a second would flood their pages)
     */
    public DemoSimulation(MqttPublisher publisher, List<SimDevice> devices, java.util.Set<String> steady) {
        this.publisher = publisher;
        this.devices = List.copyOf(devices);
        this.steady = java.util.Set.copyOf(steady);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pt-demo-sim");
            t.setDaemon(true);
            return t;
        });
    }

    public DemoSimulation start() {
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info("demo simulation: {} devices sending one signed reading a second", devices.size());
        return this;
    }

    private void tick() {
        ticks++;
        boolean warmSpell = ticks % 300 > 280; // twenty warm seconds every five minutes
        Instant now = Instant.now();
        for (SimDevice d : devices) {
            boolean isSteady = steady.contains(d.id());
            if (isSteady && ticks % 60 != 1) {
                continue;
            }
            double temp = 5.0 + random.nextGaussian() * 0.4 + (warmSpell && !isSteady ? 4.5 : 0);
            try {
                publisher.publish(d.readingsTopic(), d.readings(now, Math.round(temp * 10) / 10.0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("demo device {} could not publish: {}", d.id(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        publisher.close();
    }
}
