package org.prooftrail.core.mqtt;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;

/**
 * Whether Paho parses received packets with bulk reads in this process: true when core's
 * {@link CountingInputStream} was loaded in place of Paho's own, false when Paho came first on the
 * class path (then every byte of every payload is read on its own, which costs CPU, not correctness).
 */
public final class PahoBulkReads {
    private PahoBulkReads() {
    }

    public static boolean inEffect() {
        int[] bulkReads = {0};
        ByteArrayInputStream source = new ByteArrayInputStream(new byte[64]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                bulkReads[0]++;
                return super.read(b, off, len);
            }
        };
        try {
            new DataInputStream(new CountingInputStream(source)).readFully(new byte[64]);
        } catch (IOException e) {
            return false;
        }
        return bulkReads[0] > 0;
    }
}
