package org.prooftrail.ingest.mqtt;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.prooftrail.core.mqtt.BufferedReadSockets;
import org.prooftrail.core.mqtt.PahoBulkReads;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.ingest.flow.InFlightBound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest side of MQTT: a persistent session (the broker keeps what is not acknowledged while
 * ingest is away), one shared subscription so replicas split the load, and manual acknowledgements
 * sent only when {@link #ack} is called after the message is stored. Paho 1.2.5 does not call
 * per-subscription listeners for shared subscriptions, so messages come through the client callback.
 *
 * <p>Each message must fit ingest's {@link InFlightBound} before it is handed on. While it does not,
 * Paho's delivery thread waits in the callback; Paho's reader then stops reading the socket after ten
 * more messages, so the broker keeps the rest whether or not it honours the Receive Maximum. A pause
 * longer than the keep-alive (30 s) ends in Paho closing the connection, since the broker's ping
 * response is not read either; the automatic reconnect then resumes the session and the broker
 * redelivers what is unacknowledged (what was already stored is recognised as a duplicate).
 */
public final class IngestMqttClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMqttClient.class);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String filter;
    private final AtomicLong connection = new AtomicLong();
    private final InFlightBound bound;
    private volatile boolean connected;
    private volatile boolean leaving;
    /** Set by {@link #stopTaking}: nothing more is taken, while the subscription stays. */
    private volatile boolean stopped;
    /** When a message last arrived, or the subscription was last sent: what {@link #resubscribeIfIdle} measures from. */
    private volatile long lastActivityNanos = System.nanoTime();
    private final AtomicLong resubscribes = new AtomicLong();

    public IngestMqttClient(MqttSettings settings, int receiveMaximum, java.time.Duration sessionExpiry,
                            InFlightBound bound, Consumer<InboundMessage> sink) throws MqttException {
        this.settings = settings;
        this.bound = bound;
        this.filter = "$share/" + settings.sharedGroup() + "/" + TopicAddress.NAMESPACE;
        this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setReceiveMaximum(receiveMaximum);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 10);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        BufferedReadSockets.forUrl(settings.url()).ifPresent(options::setSocketFactory);
        if (!PahoBulkReads.inEffect()) {
            LOG.warn("Paho reads each received byte on its own here: core's CountingInputStream must come before"
                    + " Paho's jar on the class path (about 15 µs of CPU more per envelope; nothing else changes)");
        }
        if (settings.username() != null) {
            options.setUserName(settings.username());
            options.setPassword(settings.password() == null ? null : settings.password().getBytes());
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                connected = false;
                LOG.warn("disconnected from {}: {}", settings.url(), response.getReasonString());
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                LOG.warn("MQTT error: {}", e.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long arrived = System.nanoTime();
                lastActivityNanos = arrived;
                long on = connection.get();
                byte[] payload = message.getPayload();
                // Waiting here is what stops the socket being read. The wait ends unanswered when the
                // connection goes (Paho waits for this thread before it reconnects) or ingest leaves:
                // the message is then not taken, not acknowledged, and the broker redelivers it.
                if (stopped) {
                    return; // not taken, not acknowledged: the broker delivers it again to this session
                }
                if (!bound.admit(payload.length, () -> !leaving && on == connection.get() && client.isConnected())) {
                    LOG.debug("message {} on {} not taken: {}", message.getId(), topic, leaving ? "ingest is stopping" : "connection lost");
                    return;
                }
                sink.accept(new InboundMessage(topic, payload, message.getId(), message.getQos(), on, arrived));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // ingest publishes nothing
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                connection.incrementAndGet();
                connected = true;
                LOG.info("{} to {} as {}", reconnect ? "reconnected" : "connected", serverUri, settings.clientId());
                subscribe();
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
    }

    /** Connects, waiting for the first connection; later losses reconnect by themselves. */
    public void start() throws MqttException {
        client.connect(options).waitForCompletion(15_000);
    }

    /**
     * Sends the subscription again when nothing has arrived for {@code idle} while connected and nothing
     * is held unacknowledged. HiveMQ CE (the embedded broker) hands a shared subscriber its queued
     * messages only when something prompts it (a publish, the last outstanding PUBACK, a SUBSCRIBE, a
     * connect) and was seen, about once in 1,200 fresh subscriptions under load, to mark a connection as
     * having no shared subscription right after its SUBSCRIBE: delivery then stopped with messages
     * queued, the connection up and nothing logged (hivemq-community-edition issue 558). A SUBSCRIBE
     * resets that mark and delivery resumed each time, nothing lost. For a broker that works, the cost
     * is one SUBSCRIBE per idle period; re-subscribing replaces the subscription (MQTT 5, 3.8.4) and a
     * shared subscription is sent no retained messages.
     */
    public void resubscribeIfIdle(java.time.Duration idle) {
        if (leaving || !isConnected() || bound.messages() > 0
                || System.nanoTime() - lastActivityNanos < idle.toNanos()) {
            return;
        }
        lastActivityNanos = System.nanoTime();
        resubscribes.incrementAndGet();
        LOG.debug("nothing received for {} s: subscribing to {} again", idle.toSeconds(), filter);
        subscribe();
    }

    /** How often the subscription was sent again by {@link #resubscribeIfIdle}. */
    public long resubscribes() {
        return resubscribes.get();
    }

    private void subscribe() {
        lastActivityNanos = System.nanoTime();
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setRetainHandling(2); // never send retained messages because of a subscription
        try {
            client.subscribe(new MqttSubscription[] {subscription}, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("subscribed to {} (reason codes {})", filter, java.util.Arrays.toString(token.getReasonCodes()));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.error("subscription to {} refused: {}", filter, e.getMessage());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("cannot subscribe to {}: {}", filter, e.getMessage());
        }
    }

    /**
     * Acknowledges a stored or refused message. A message from an earlier connection is not
     * acknowledged: the broker redelivers it and the store recognises it as a duplicate.
     */
    public void ack(InboundMessage m) {
        if (m.qos() == 0 || m.connection() != connection.get()) {
            return;
        }
        try {
            client.messageArrivedComplete(m.messageId(), m.qos());
        } catch (MqttException e) {
            LOG.debug("ack of message {} not sent ({}); the broker will redeliver it", m.messageId(), e.getMessage());
        }
    }

    /**
     * Leaves the shared subscription so the broker stops choosing this session, while the
     * connection stays up for what is already on its way and for the acknowledgements.
     */
    public void unsubscribe(long timeoutMillis) {
        // A delivery thread waiting for room would hold up the unsubscribe's answer: it gives up instead.
        leaving = true;
        bound.wakeUp();
        try {
            if (client.isConnected()) {
                client.unsubscribe(filter).waitForCompletion(timeoutMillis);
                LOG.info("left {}", filter);
            }
        } catch (MqttException e) {
            LOG.warn("could not leave {}: {}", filter, e.getMessage());
        }
    }

    /**
     * Takes no more messages while staying subscribed (a stop that keeps the subscription): what
     * arrives from now on is not acknowledged, so the broker delivers it again when this session is
     * back; a delivery thread waiting for room gives up.
     */
    public void stopTaking() {
        stopped = true;
        leaving = true;
        bound.wakeUp();
    }

    public boolean isConnected() {
        return connected && client.isConnected();
    }

    public String url() {
        return settings.url();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.getMessage());
        }
    }
}
