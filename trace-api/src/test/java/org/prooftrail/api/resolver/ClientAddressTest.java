package org.prooftrail.api.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

class ClientAddressTest {
    private static ClientAddress trusting(String proxies) {
        return ClientAddress.from(Settings.of(Map.of(ClientAddress.TRUSTED_PROXIES, proxies)));
    }

    private static ClientAddress forwarded(String proxies) {
        return ClientAddress.from(Settings.of(Map.of(ClientAddress.TRUSTED_PROXIES, proxies, ClientAddress.HEADER, "Forwarded")));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        ClientAddress c = ClientAddress.from(Settings.of(Map.of()));
        assertEquals("192.0.2.1", c.client("192.0.2.1", List.of("203.0.113.9")));
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        assertEquals("192.0.2.1", trusting("10.0.0.0/8").client("192.0.2.1", List.of("203.0.113.9")));
    }

    @Test
    void theRightMostUntrustedAddressIsTheClient() {
        ClientAddress c = trusting("10.0.0.0/8, 192.0.2.7");
        assertEquals("203.0.113.9", c.client("10.1.2.3", List.of("203.0.113.9")));
        // the client wrote 198.51.100.1 itself; the proxy appended what it saw
        assertEquals("203.0.113.9", c.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.9")));
        assertEquals("203.0.113.9", c.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.9, 192.0.2.7", "10.9.9.9")));
        assertEquals("203.0.113.9", c.client("10.1.2.3", List.of("203.0.113.9:51234")), "a port is not part of the address");
        assertEquals("10.0.0.1", c.client("10.1.2.3", List.of("10.0.0.1")), "only proxies: the left-most");
        assertEquals("10.1.2.3", c.client("10.1.2.3", List.of()));
        assertEquals("unknown", c.client("10.1.2.3", List.of("Unknown")));
    }

    @Test
    void ipv6AndCanonicalSpellings() {
        ClientAddress c = trusting("2001:db8:aa::/48, ::1");
        String a = c.client("::1", List.of("2001:DB8::1"));
        assertEquals(a, c.client("0:0:0:0:0:0:0:1", List.of("2001:db8:0:0::1")), "one bucket per address");
        assertEquals(a, c.client("2001:db8:aa::5", List.of("[2001:db8::1]:443")));
        assertEquals("192.0.2.5", c.client("::1", List.of("::ffff:192.0.2.5")));
        assertEquals("192.0.2.5", trusting("127.0.0.1").client("::ffff:127.0.0.1", List.of("192.0.2.5")));
    }

    @Test
    void forwardedForOfRfc7239() {
        ClientAddress c = forwarded("10.0.0.0/8");
        assertEquals(ClientAddress.Header.FORWARDED, c.header());
        assertEquals("192.0.2.43", c.client("10.0.0.2", List.of("for=198.51.100.17;by=10.0.0.1, for=192.0.2.43")));
        assertEquals("2001:db8:cafe:0:0:0:0:17", c.client("10.0.0.2",
                List.of("For=\"[2001:db8:cafe::17]:4711\";proto=https", "for=10.0.0.1")));
        assertEquals("_hidden", c.client("10.0.0.2", List.of("for=_hidden, for=10.0.0.9")));
        assertEquals("192.0.2.60", c.client("10.0.0.2", List.of("for=192.0.2.60;proto=\"a,b\";by=203.0.113.43")));
    }

    @Test
    void wrongSettingsAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> trusting("10.0.0.0/8, proxy.example"));
        assertEquals(ClientAddress.TRUSTED_PROXIES, e.variable());
        assertTrue(e.getMessage().contains("proxy.example"), e.getMessage());
        assertThrows(ConfigException.class, () -> trusting("10.0.0.0/33"));
        assertThrows(ConfigException.class, () -> trusting("2001:db8::/129"));
        assertThrows(ConfigException.class, () -> ClientAddress.from(Settings.of(Map.of(ClientAddress.HEADER, "x-real-ip"))));
    }

    @Test
    void cidrBlocksContainTheirAddressesOnly() {
        ClientAddress c = trusting("192.0.2.128/25");
        assertEquals("198.51.100.1", c.client("192.0.2.200", List.of("198.51.100.1")));
        assertEquals("192.0.2.100", c.client("192.0.2.100", List.of("198.51.100.1")));
        assertEquals("198.51.100.1", trusting("0.0.0.0/0").client("192.0.2.1", List.of("198.51.100.1")));
    }
}
