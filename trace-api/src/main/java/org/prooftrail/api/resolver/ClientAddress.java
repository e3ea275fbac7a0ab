package org.prooftrail.api.resolver;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * Which address a request comes from. Without trusted proxies it is the TCP peer. Behind proxies
 * ({@code PT_TRUSTED_PROXIES}: addresses or CIDR blocks), the peer and each proxy append the address
 * they saw to one header ({@code X-Forwarded-For}, or RFC 7239 {@code Forwarded: for=}, chosen by
 * {@code PT_TRUSTED_PROXY_HEADER}); the client is the right-most address that is not a trusted proxy.
 * Everything left of it was written by the client itself and is ignored, so a client cannot choose
 * its own address. Only one header is read: were both read, a client behind a proxy that writes one
 * could forge the other. Only literal addresses are parsed, never names (no DNS on the event loop).
 */
public final class ClientAddress {
    public static final String TRUSTED_PROXIES = "PT_TRUSTED_PROXIES";
    public static final String HEADER = "PT_TRUSTED_PROXY_HEADER";

    /** The header the trusted proxies write. */
    public enum Header {
        X_FORWARDED_FOR("x-forwarded-for"), FORWARDED("forwarded");

        private final String name;

        Header(String name) {
            this.name = name;
        }

        public String headerName() {
            return name;
        }
    }

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> trusted;
    private final Header header;

    private ClientAddress(List<Block> trusted, Header header) {
        this.trusted = List.copyOf(trusted);
        this.header = header;
    }

    /** The TCP peer, whatever the headers say. */
    public static ClientAddress peerOnly() {
        return new ClientAddress(List.of(), Header.X_FORWARDED_FOR);
    }

    public static ClientAddress from(Settings s) {
        String headerName = s.string(HEADER, Header.X_FORWARDED_FOR.headerName()).trim().toLowerCase(Locale.ROOT);
        Header header = null;
        for (Header h : Header.values()) {
            if (h.headerName().equals(headerName)) {
                header = h;
            }
        }
        if (header == null) {
            throw new ConfigException(HEADER, "must be x-forwarded-for or forwarded, got '" + headerName + "'");
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : s.string(TRUSTED_PROXIES, "").split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                blocks.add(block(e));
            }
        }
        return new ClientAddress(blocks, header);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new ConfigException(TRUSTED_PROXIES, "'" + entry
                    + "' is not an IP address or CIDR block (like 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32)");
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new ConfigException(TRUSTED_PROXIES, "'" + entry + "': the prefix length must be 0 to " + bits);
            }
        }
        return new Block(network, prefix);
    }

    public boolean trustsProxies() {
        return !trusted.isEmpty();
    }

    public Header header() {
        return header;
    }

    /**
     * The client of a request from {@code peer} that carries {@code headerValues} (every value of
     * the configured header, in order). Unparseable entries that a trusted proxy passed on (such as
     * RFC 7239's {@code unknown}) are the client as written: they share one bucket.
     */
    public String client(String peer, List<String> headerValues) {
        if (peer == null) {
            return "unknown";
        }
        byte[] peerBytes = literal(peer);
        if (peerBytes == null || !trusted(peerBytes) || headerValues.isEmpty()) {
            return canonical(peer, peerBytes);
        }
        List<String> hops = header == Header.FORWARDED ? forwardedFor(headerValues) : forwardedForX(headerValues);
        String client = canonical(peer, peerBytes);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            byte[] bytes = literal(stripPort(hop));
            client = canonical(hop, bytes);
            if (bytes == null || !trusted(bytes)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(byte[] address) {
        for (Block b : trusted) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedForX(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    hops.add(p);
                }
            }
        }
        return hops;
    }

    /** The {@code for} parameter of each forwarded-element, left to right (RFC 7239 section 4). */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String element : splitOutsideQuotes(v, ',')) {
                String found = "unknown";
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                        String value = pair.substring(eq + 1).trim();
                        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                            value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                        }
                        found = value;
                    }
                }
                if (!element.isBlank()) {
                    hops.add(found);
                }
            }
        }
        return hops;
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
                continue;
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    /** {@code 192.0.2.1:8080} and {@code [2001:db8::1]:8080} name the address with a port. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') >= 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null when it is none. */
    private static byte[] literal(String s) {
        String v = s.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(v);
        if (bytes != null && bytes.length == 16 && isV4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** One spelling per address, so that {@code 2001:DB8::1} and {@code 2001:db8:0::1} share a bucket. */
    private static String canonical(String raw, byte[] bytes) {
        if (bytes == null) {
            return raw.trim().toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return raw; // only thrown for a wrong length, which a parsed literal never has
        }
    }
}
