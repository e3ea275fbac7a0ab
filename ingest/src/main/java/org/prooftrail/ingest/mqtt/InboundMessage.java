package org.prooftrail.ingest.mqtt;

/**
 * One MQTT message as received, before anything is known about it. {@code messageId}, {@code qos}
 * and {@code connection} are what the acknowledgement needs once the message is stored or refused:
 * an acknowledgement is only sent on the connection the message came in on.
 */
public record InboundMessage(String topic, byte[] payload, int messageId, int qos, long connection,
                             long receivedNanos) {
}
