package org.prooftrail.ingest;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test MQTT 5 "broker" that ignores the Receive Maximum, as Mosquitto 2.0.11 was seen to do in a
 * burst: it accepts one subscriber, answers CONNECT, SUBSCRIBE, UNSUBSCRIBE and PINGREQ, and writes
 * every message it was given as a QoS 1 PUBLISH as fast as the socket takes them, never waiting for a
 * PUBACK. A reconnecting client gets what it has not acknowledged again (DUP), as a real broker would
 * resend it to a persistent session. It records the Receive Maximum the client asked for, every
 * PUBACK, and the most messages it ever had unacknowledged.
 *
 * <p>Made with {@code ignoredSubscribes > 0}, it ignores that many SUBSCRIBEs (answering them but
 * sending nothing), as HiveMQ CE was seen to stop delivering to a shared subscriber right after its
 * SUBSCRIBE: delivery then starts only when the client subscribes again.
 */
final class FloodingBroker implements AutoCloseable {
    /** One message to deliver. */
    record Message(String topic, byte[] payload) {
    }

    private final ServerSocket server;
    private final List<Message> messages;
    private final Map<Integer, AtomicInteger> acks = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong maxUnacknowledged = new AtomicLong();
    private volatile int receiveMaximum = -1;
    private volatile boolean closed;
    private volatile Socket current;
    private final Thread acceptor;
    private final int ignoredSubscribes;
    private final AtomicInteger subscribes = new AtomicInteger();

    FloodingBroker(List<Message> messages) throws IOException {
        this(messages, 0);
    }

    FloodingBroker(List<Message> messages, int ignoredSubscribes) throws IOException {
        if (messages.size() > 65_535) {
            throw new IllegalArgumentException("one packet id per message: at most 65535");
        }
        this.messages = messages;
        this.ignoredSubscribes = ignoredSubscribes;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "flooding-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** SUBSCRIBE packets received, over all connections. */
    int subscribes() {
        return subscribes.get();
    }

    int receiveMaximum() {
        return receiveMaximum;
    }

    long maxUnacknowledged() {
        return maxUnacknowledged.get();
    }

    /** Distinct messages acknowledged. */
    int acknowledged() {
        return acks.size();
    }

    /** Messages acknowledged more than once (would mean an acknowledgement for something redelivered). */
    long acknowledgedTwice() {
        return acks.values().stream().filter(n -> n.get() > 1).count();
    }

    private void acceptLoop() {
        boolean sessionPresent = false;
        while (!closed) {
            try (Socket s = server.accept()) {
                current = s;
                serve(s, sessionPresent);
                sessionPresent = true;
            } catch (IOException e) {
                sessionPresent = true; // a dropped connection; the session stays
            }
        }
    }

    private void serve(Socket socket, boolean sessionPresent) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        Packet connect = Packet.read(in);
        if ((connect.type >> 4) != 1) {
            throw new IOException("expected CONNECT, got type " + (connect.type >> 4));
        }
        receiveMaximum = receiveMaximumOf(connect.body);
        write(out, 0x20, new byte[] {(byte) (sessionPresent ? 1 : 0), 0, 0});
        Thread flood = null;
        try {
            while (!closed) {
                Packet p = Packet.read(in);
                switch (p.type >> 4) {
                    case 8 -> { // SUBSCRIBE: granted QoS 1, then the flood starts
                        write(out, 0x90, new byte[] {p.body[0], p.body[1], 0, 1});
                        if (flood == null && subscribes.incrementAndGet() > ignoredSubscribes) {
                            flood = new Thread(() -> flood(out), "flooding-broker-publisher");
                            flood.setDaemon(true);
                            flood.start();
                        }
                    }
                    case 10 -> write(out, 0xB0, new byte[] {p.body[0], p.body[1], 0, 0}); // UNSUBSCRIBE
                    case 12 -> write(out, 0xD0, new byte[0]); // PINGREQ
                    case 4 -> { // PUBACK
                        int id = ((p.body[0] & 0xff) << 8) | (p.body[1] & 0xff);
                        acks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    case 14 -> { // DISCONNECT
                        return;
                    }
                    default -> throw new IOException("unexpected packet type " + (p.type >> 4));
                }
            }
        } finally {
            if (flood != null) {
                flood.interrupt();
            }
        }
    }

    private void flood(OutputStream out) {
        try {
            for (int i = 0; i < messages.size() && !closed; i++) {
                int id = i + 1;
                if (acks.containsKey(id)) {
                    continue; // acknowledged on an earlier connection
                }
                boolean again = i < sent.get();
                write(out, again ? 0x3A : 0x32, publishBody(id, messages.get(i)));
                if (!again) {
                    sent.incrementAndGet();
                }
                maxUnacknowledged.accumulateAndGet(sent.get() - acks.size(), Math::max);
            }
        } catch (IOException e) {
            // the client went away; it gets the rest when it reconnects
        }
    }

    private static byte[] publishBody(int id, Message m) {
        byte[] payload = m.payload();
        byte[] t = m.topic().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + t.length + 2 + 1 + payload.length];
        body[0] = (byte) (t.length >> 8);
        body[1] = (byte) t.length;
        System.arraycopy(t, 0, body, 2, t.length);
        body[2 + t.length] = (byte) (id >> 8);
        body[3 + t.length] = (byte) id;
        body[4 + t.length] = 0; // no properties
        System.arraycopy(payload, 0, body, 5 + t.length, payload.length);
        return body;
    }

    private static void write(OutputStream out, int type, byte[] body) throws IOException {
        synchronized (out) {
            out.write(type);
            int n = body.length;
            do {
                int b = n % 128;
                n /= 128;
                out.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
            out.write(body);
            out.flush();
        }
    }

    /** The Receive Maximum property (0x21) of a CONNECT, or 65535 when absent (MQTT 5's default). */
    private static int receiveMaximumOf(byte[] body) throws IOException {
        int i = 2 + 4 + 1 + 1 + 2; // "MQTT", version, flags, keep-alive
        int[] len = varInt(body, i);
        int end = len[1] + len[0];
        i = len[1];
        while (i < end) {
            int id = body[i++] & 0xff;
            switch (id) {
                case 0x21 -> {
                    return ((body[i] & 0xff) << 8) | (body[i + 1] & 0xff);
                }
                case 0x11, 0x27 -> i += 4;
                case 0x22 -> i += 2;
                case 0x17, 0x19 -> i += 1;
                case 0x15, 0x16 -> i += 2 + (((body[i] & 0xff) << 8) | (body[i + 1] & 0xff));
                case 0x26 -> {
                    i += 2 + (((body[i] & 0xff) << 8) | (body[i + 1] & 0xff));
                    i += 2 + (((body[i] & 0xff) << 8) | (body[i + 1] & 0xff));
                }
                default -> throw new IOException("unknown CONNECT property " + id);
            }
        }
        return 65_535;
    }

    /** {value, index after it} */
    private static int[] varInt(byte[] b, int at) {
        int value = 0;
        int shift = 0;
        int i = at;
        int x;
        do {
            x = b[i++] & 0xff;
            value |= (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        return new int[] {value, i};
    }

    private record Packet(int type, byte[] body) {
        static Packet read(DataInputStream in) throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new EOFException();
            }
            int length = 0;
            int shift = 0;
            int x;
            do {
                x = in.readUnsignedByte();
                length |= (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            byte[] body = new byte[length];
            in.readFully(body);
            return new Packet(type, body);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
