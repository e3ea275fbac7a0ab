package org.prooftrail.embedded;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker in this JVM (HiveMQ Community Edition embedded), bound to loopback. Sessions and
 * queued messages persist in its data folder. The per-client queue is raised far above the usual
 * 1,000 so that an ingest outage of minutes at full rate loses nothing (see DESIGN.md, Ingest).
 *
 * <p>HiveMQ CE's defaults hold each client to a few messages in flight, in both directions, and ingest
 * acknowledges only after its database commit: with them the embedded pair stored 400-700 envelopes/s
 * with both sides mostly waiting (docs/benchmarks.md, "Ingest, end to end"). Both windows are opened
 * below. Neither changes what is persisted or when a PUBACK is sent (after the message is in the
 * persistent queue), so an acknowledged message survives a restart as before.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Queued QoS 1 messages a persistent session may hold while its subscriber is away. */
    public static final long MAX_QUEUED_MESSAGES = 5_000_000L;
    /**
     * QoS 1 publishes a device may have awaiting their PUBACK (the CONNACK's Receive Maximum). With
     * HiveMQ CE's default of 10 (and the delivery window below opened) ingest stored about half as much
     * as with 1,000, in alternating runs 338-600 against 748-1,555 envelopes/s: each publisher waits for
     * the broker to persist its ten before sending more. The simulator and the demo size their window
     * from it.
     */
    public static final int SERVER_RECEIVE_MAXIMUM = 1_000;
    /**
     * Unacknowledged messages the broker hands one subscriber, further capped by the subscriber's own
     * Receive Maximum. HiveMQ CE caps this at 50 and, for a shared subscription, reads the next messages
     * from the queue only once all those in flight are acknowledged; ingest acknowledges after each
     * commit, so every batch held at most 50 envelopes and a commit's latency was paid per 50. At the
     * MQTT maximum the subscriber's Receive Maximum (ingest: PT_INGEST_MAX_IN_FLIGHT) decides, and
     * HiveMQ still reads at most 5 MB per poll.
     */
    public static final int DELIVERY_WINDOW = 65_535;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /** @param port 0 picks a free port */
    public static EmbeddedBroker start(Path home, int port) throws IOException {
        int actual = port > 0 ? port : freePort();
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path data = Files.createDirectories(home.resolve("data"));
        Path extensions = Files.createDirectories(home.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), config(actual), StandardCharsets.UTF_8);
        // Not a config.xml element in HiveMQ CE: an internal setting read on every delivery, the same
        // for each broker of this JVM.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = DELIVERY_WINDOW;
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the embedded MQTT broker did not start on port " + actual + ": " + e.getMessage(), e);
        }
        LOG.info("embedded MQTT 5 broker on 127.0.0.1:{} (data in {})", actual, data);
        return new EmbeddedBroker(hivemq, actual);
    }

    private static String config(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, MAX_QUEUED_MESSAGES, SERVER_RECEIVE_MAXIMUM);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the embedded MQTT broker did not stop cleanly: {}", e.getMessage());
        }
    }
}
