package org.prooftrail.api.epcis;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook destinations a subscription may name. Only {@code https:} unless http is allowed, and
 * never (unless allowed) a host that resolves to an address inside the server's own networks:
 * loopback, private (RFC 1918, IPv6 unique local), link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, unspecified, multicast or reserved. Otherwise any company could make the server
 * POST to services only it can reach (SSRF). The check runs when subscribing and again before every
 * delivery, since what a name resolves to can change. Blocking (DNS).
 */
final class WebhookDestinations {
    static final int MAX_CHARS = 2000;

    /** A destination refused, with the reason the client can act on. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final boolean allowHttp;
    private final boolean allowPrivate;

    WebhookDestinations(SubscriptionSettings s) {
        this.allowHttp = s.allowHttp();
        this.allowPrivate = s.allowPrivate();
    }

    /** The destination as a URI when it may be used now. */
    URI check(String dest) throws Refused {
        if (dest == null || dest.isBlank()) {
            throw new Refused("dest: give the webhook URL, e.g. https://client.example.com/queryCallback");
        }
        if (dest.length() > MAX_CHARS) {
            throw new Refused("dest: " + dest.length() + " characters; at most " + MAX_CHARS);
        }
        URI uri;
        try {
            uri = new URI(dest);
        } catch (URISyntaxException e) {
            throw new Refused("dest: not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new Refused("dest: the scheme must be https" + (allowHttp ? " or http" : "") + ", not '" + scheme + "'"
                    + (scheme.equals("http") ? " (this server sends events only over TLS)" : ""));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("dest: the URL has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("dest: put no user name or password in the URL; deliveries are signed with signatureToken");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("dest: a webhook URL has no #fragment");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new Refused("dest: the host '" + uri.getHost() + "' does not resolve");
            }
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    throw new Refused("dest: the host '" + uri.getHost() + "' resolves to " + a.getHostAddress()
                            + ", an address inside private, loopback or link-local networks; webhooks go to public addresses only");
                }
            }
        }
        return uri;
    }

    /** False for every address a public webhook receiver cannot have. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // "this network"
                    && !(first == 100 && second >= 64 && second < 128)  // carrier-grade NAT, RFC 6598
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))  // benchmarking, RFC 2544
                    && first < 240;                             // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean v4Embedded = true; // ::a.b.c.d (deprecated IPv4-compatible)
            for (int i = 0; i < 12; i++) {
                v4Embedded &= b[i] == 0;
            }
            if (v4Embedded) {
                return false;
            }
            // NAT64 (64:ff9b::/96) would reach the IPv4 address it embeds
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
