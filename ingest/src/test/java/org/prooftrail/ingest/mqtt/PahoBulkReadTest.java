package org.prooftrail.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.util.Random;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.mqtt.PahoBulkReads;

/**
 * Core's {@link CountingInputStream} stands in for Paho's on ingest's class path, and Paho's own
 * encoding of a PUBLISH parses back through it to the same packet.
 */
class PahoBulkReadTest {
    @Test
    void coresStreamIsTheOneLoaded() {
        assertTrue(PahoBulkReads.inEffect(), "Paho's byte-at-a-time CountingInputStream came first on the class path");
        String from = CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(!from.contains("paho"), "loaded from " + from);
    }

    @Test
    void countsEveryByteWhateverTheReadSize() throws Exception {
        byte[] data = new byte[1000];
        new Random(1).nextBytes(data);
        CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(data));
        DataInputStream in = new DataInputStream(counting);
        assertEquals(data[0] & 0xff, in.readUnsignedByte());
        assertEquals(1, counting.getCounter());
        byte[] rest = new byte[999];
        in.readFully(rest, 0, 500);
        assertEquals(501, counting.getCounter());
        counting.resetCounter();
        in.readFully(rest, 500, 499);
        assertEquals(499, counting.getCounter());
        assertEquals(-1, counting.read(new byte[8], 0, 8), "at the end");
        assertEquals(-1, counting.read());
        assertEquals(499, counting.getCounter(), "the end counts nothing");
        byte[] expected = new byte[999];
        System.arraycopy(data, 1, expected, 0, 999);
        assertArrayEquals(expected, rest);
    }

    @Test
    void aPublishEncodedByPahoParsesBackWhole() throws Exception {
        Random random = new Random(5);
        for (int size : new int[] {0, 1, 127, 128, 700, 16_384, 300_000}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            MqttProperties properties = new MqttProperties();
            properties.setContentType("application/jose");
            properties.setMessageExpiryInterval(3600L);
            message.setProperties(properties);
            MqttPublish sent = new MqttPublish("pt/org-1/dev-" + size + "/readings", message, properties);
            sent.setMessageId(1 + size % 65_000);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.write(sent.getHeader());
            wire.write(sent.getPayload());

            MqttWireMessage parsed = MqttWireMessage.createWireMessage(wire.toByteArray());
            MqttPublish received = (MqttPublish) parsed;
            assertEquals(sent.getTopicName(), received.getTopicName());
            assertEquals(sent.getMessageId(), received.getMessageId());
            assertEquals(1, received.getMessage().getQos());
            assertEquals("application/jose", received.getProperties().getContentType());
            assertEquals(3600L, received.getProperties().getMessageExpiryInterval());
            assertArrayEquals(payload, received.getMessage().getPayload(), "payload of " + size + " bytes");
        }
    }
}
