package org.prooftrail.embedded.testing;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/** Ends persistent MQTT sessions that finished tests leave on the broker. */
final class MqttSessions {
    private MqttSessions() {
    }

    static void clear(String url, String clientId) {
        try {
            var client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            client.connect(options).waitForCompletion(5_000);
            client.disconnect().waitForCompletion(5_000);
            client.close(true);
        } catch (Exception ignored) {
            // nothing to clear, or the broker is gone
        }
    }
}
