package org.prooftrail.sim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.prooftrail.core.mqtt.BufferedReadSockets;

/**
 * Publishes at QoS 1 with a bounded number of messages awaiting their PUBACK. Each publish returns a
 * future that completes when the broker has acknowledged the message: that is the moment the sender
 * may forget it, and what loss tests count.
 */
public final class MqttPublisher implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Semaphore window;

    public MqttPublisher(String url, String clientId, int maxInFlight) throws MqttException {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        BufferedReadSockets.forUrl(url).ifPresent(options::setSocketFactory);
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(15_000);
        // Never offer more than the broker takes at once (its Receive Maximum): a publish refused for
        // that reason and retried has had a topic alias assigned by Paho without it reaching the
        // broker, and the retry then names only the alias, which the broker cannot map (it
        // disconnects: "Topic alias in PUBLISH could not be mapped").
        Integer brokerMax = connected.getResponseProperties() == null ? null
                : connected.getResponseProperties().getReceiveMaximum();
        this.window = new Semaphore(brokerMax == null ? maxInFlight : Math.min(maxInFlight, brokerMax));
    }

    /** Blocks while the window is full; the future completes on PUBACK or fails. */
    public CompletableFuture<Void> publish(String topic, byte[] payload) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        window.acquire();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        while (true) {
            try {
                client.publish(topic, message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        window.release();
                        done.completeExceptionally(e);
                    }
                });
                return done;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    window.release();
                    done.completeExceptionally(e);
                    return done;
                }
                // the broker's receive maximum is smaller than our window: wait for room
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing; nothing more to do
        }
    }
}
