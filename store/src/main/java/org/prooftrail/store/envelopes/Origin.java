package org.prooftrail.store.envelopes;

/**
 * Where an envelope came in: a device's MQTT topic, or an EPCIS capture job over HTTP. The writer
 * does not care which; {@link #label()} is what a stored rejection names as its source.
 */
public sealed interface Origin permits Origin.MqttTopic, Origin.HttpCapture {
    /** The text stored with a rejection (column {@code rejected_message.topic}). */
    String label();

    /** Published by a device on this MQTT topic. */
    record MqttTopic(String topic) implements Origin {
        @Override
        public String label() {
            return topic;
        }
    }

    /** Captured over HTTP as part of the EPCIS capture job {@code jobId}. */
    record HttpCapture(String jobId) implements Origin {
        @Override
        public String label() {
            return "api/epcis/capture/" + jobId;
        }
    }
}
