package org.prooftrail.core.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class BufferedReadSocketsTest {
    @Test
    void onlyPlainTcpUrlsGetTheFactory() {
        assertTrue(BufferedReadSockets.forUrl("tcp://127.0.0.1:1883").isPresent());
        assertTrue(BufferedReadSockets.forUrl("mqtt://broker:1883").isPresent());
        assertTrue(BufferedReadSockets.forUrl("ssl://broker:8883").isEmpty(), "TLS keeps Paho's SSL socket factory");
        assertTrue(BufferedReadSockets.forUrl("wss://broker/mqtt").isEmpty());
    }

    @Test
    void packetsReadByteByByteArriveWholeAndInOrderThroughOneStream() throws Exception {
        byte[] sent = new byte[BufferedReadSockets.BUFFER_BYTES * 3 + 17];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    out.write(sent, 0, 5);
                    out.flush();
                    out.write(sent, 5, sent.length - 5);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SocketFactory factory = BufferedReadSockets.forUrl("tcp://127.0.0.1:1").orElseThrow();
            try (Socket s = factory.createSocket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
                InputStream first = s.getInputStream();
                assertSame(first, s.getInputStream(), "a second caller must not bypass what the buffer already holds");
                DataInputStream in = new DataInputStream(first);
                byte[] got = new byte[sent.length];
                for (int i = 0; i < 5; i++) {
                    got[i] = in.readByte(); // the way Paho reads a packet's fixed header
                }
                in.readFully(got, 5, got.length - 5);
                assertArrayEquals(sent, got);
                assertEquals(-1, in.read());
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }
}
