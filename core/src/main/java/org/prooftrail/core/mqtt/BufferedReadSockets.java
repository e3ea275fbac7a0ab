package org.prooftrail.core.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for the Paho MQTT client.
 *
 * <p>Paho reads each packet through a {@code DataInputStream} over the socket's own stream: a byte
 * for the packet type, a byte at a time for the remaining length, then the body, so every message
 * costs three or more {@code read} system calls. With QoS 1 at thousands of messages a second that
 * was the largest part of the MQTT receive thread's CPU. A buffer under it turns a burst of packets
 * into a few large reads. Paho already buffers what it writes.
 */
public final class BufferedReadSockets extends SocketFactory {
    /** Enough for a burst of small envelopes; a larger packet is read through it in pieces. */
    static final int BUFFER_BYTES = 64 * 1024;
    private static final BufferedReadSockets INSTANCE = new BufferedReadSockets();

    private BufferedReadSockets() {
    }

    /**
     * The factory for a broker URL Paho would open as a plain TCP socket ({@code tcp://} or
     * {@code mqtt://}); none for TLS or WebSocket URLs, which keep Paho's own factories.
     */
    public static java.util.Optional<SocketFactory> forUrl(String brokerUrl) {
        String scheme = URI.create(brokerUrl).getScheme();
        scheme = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return scheme.equals("tcp") || scheme.equals("mqtt") ? java.util.Optional.of(INSTANCE) : java.util.Optional.empty();
    }

    @Override
    public Socket createSocket() {
        return new BufferedReadSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    /** A socket that hands out one buffered stream over its input, however often it is asked. */
    private static final class BufferedReadSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER_BYTES);
            }
            return input;
        }
    }
}
