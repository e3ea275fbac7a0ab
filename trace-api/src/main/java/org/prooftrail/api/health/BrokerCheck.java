package org.prooftrail.api.health;

import org.prooftrail.ops.ReadinessCheck;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.prooftrail.core.mqtt.MqttSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when an MQTT connection to the broker is up. The connection is kept open and reconnects by
 * itself, so a check costs nothing and reflects outages within the reconnect interval.
 */
public final class BrokerCheck implements ReadinessCheck, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCheck.class);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pt-broker-check");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public BrokerCheck(MqttSettings settings) {
        this.settings = settings;
        try {
            String id = settings.clientId() + "-health-" + UUID.randomUUID().toString().substring(0, 8);
            this.client = new MqttAsyncClient(settings.url(), id, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 5);
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            if (settings.username() != null) {
                options.setUserName(settings.username());
                options.setPassword(settings.password() == null ? null : settings.password().getBytes());
            }
            this.options = options;
            connect();
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create an MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    /** Paho's automatic reconnect only covers lost connections, not a first connect that failed. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.debug("health connection to {} is up", settings.url());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retry.schedule(BrokerCheck.this::connect, 2, TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            retry.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public String problem() {
        return client.isConnected() ? null : "MQTT broker at " + settings.url() + " is not connected";
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the health MQTT client: {}", e.getMessage());
        }
    }
}
