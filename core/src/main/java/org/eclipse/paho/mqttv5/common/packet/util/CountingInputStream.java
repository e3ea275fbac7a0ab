package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Takes the place of Eclipse Paho 1.2.5's class of this name, which reads one byte at a time.
 *
 * <p>Paho parses every packet it receives from a byte array through this stream, twice over a
 * PUBLISH (the packet's body, then its payload). Its own version overrides only {@code read()}, so
 * {@code InputStream}'s default {@code read(byte[], int, int)} copies each byte of each payload with a
 * virtual call and a synchronized {@code ByteArrayInputStream.read()}: about two thirds of the CPU of
 * ingest's MQTT receive thread in a JFR profile (docs/benchmarks.md). This one has the same methods
 * and counts the same bytes, and reads in bulk.
 *
 * <p>It works because ProofTrail's core comes before Paho on every class path the build makes (the
 * modules name core first; the jar's manifest and Jib's class path file keep Maven's order).
 * {@code PahoBulkReadTest} in ingest fails if it does not, and ingest logs a warning when it runs with
 * Paho's own ({@code org.prooftrail.core.mqtt.PahoBulkReads}).
 * Remove it once Paho reads in bulk itself.
 */
public class CountingInputStream extends InputStream {
    private final InputStream inputStream;
    private int counter;

    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int b = inputStream.read();
        if (b != -1) {
            counter++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = inputStream.read(buffer, offset, length);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    /** Bytes read since the start or the last {@link #resetCounter}. */
    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
