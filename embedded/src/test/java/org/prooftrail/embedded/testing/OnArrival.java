package org.prooftrail.embedded.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback for a test's subscriber: each message to a handler, nothing else heeded. */
public final class OnArrival implements MqttCallback {
    /** What to do with a message; Paho acknowledges it when this returns, unless acks are manual. */
    @FunctionalInterface
    public interface Handler {
        void arrived(String topic, MqttMessage message) throws MqttException;
    }

    private final Handler handler;

    public OnArrival(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws MqttException {
        handler.arrived(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
