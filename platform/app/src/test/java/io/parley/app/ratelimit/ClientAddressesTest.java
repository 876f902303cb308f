package io.parley.app.ratelimit;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who the client is: the socket's peer, or past trusted proxies the right-most untrusted forwarded entry. */
class ClientAddressesTest {

    private static final InetAddress PROXY = ip("10.0.0.5");
    private static final InetAddress STRANGER = ip("192.0.2.44");
    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    private static InetAddress ip(String text) {
        return NetUtil.createInetAddressFromIpAddressString(text);
    }

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertEquals("192.0.2.44", none.clientKey(STRANGER, List.of("203.0.113.9")));
        assertEquals("10.0.0.5", none.clientKey(PROXY, List.of("203.0.113.9")));
    }

    @Test
    void an_untrusted_peer_s_header_is_ignored() {
        assertEquals("192.0.2.44", behindProxies.clientKey(STRANGER, List.of("203.0.113.9")));
    }

    @Test
    void a_trusted_peer_s_header_is_read_from_the_right_past_trusted_proxies() {
        assertEquals("203.0.113.9", behindProxies.clientKey(PROXY, List.of("203.0.113.9")));
        // the client prepended a lie; the proxy appended the truth
        assertEquals("203.0.113.9", behindProxies.clientKey(PROXY, List.of("198.51.100.1, 203.0.113.9")));
        // two proxies: the nearer one appended the farther one's address
        assertEquals("203.0.113.9", behindProxies.clientKey(PROXY, List.of("198.51.100.1, 203.0.113.9, 10.1.2.3")));
        // several header lines are one list, in order
        assertEquals("203.0.113.9", behindProxies.clientKey(PROXY, List.of("198.51.100.1", "203.0.113.9, 10.1.2.3")));
        // ports and brackets
        assertEquals("203.0.113.9", behindProxies.clientKey(PROXY, List.of("203.0.113.9:4711")));
        assertEquals("2001:db8:1:2::/64", behindProxies.clientKey(PROXY, List.of("[2001:db8:1:2::17]:4711")));
    }

    @Test
    void no_header_an_all_trusted_chain_or_an_unreadable_entry_fall_back_to_the_nearest_known_hop() {
        assertEquals("10.0.0.5", behindProxies.clientKey(PROXY, List.of()));
        assertEquals("10.9.9.9", behindProxies.clientKey(PROXY, List.of("10.9.9.9, 10.1.1.1")));
        assertEquals("10.1.1.1", behindProxies.clientKey(PROXY, List.of("203.0.113.9, unknown, 10.1.1.1")));
        assertEquals("10.0.0.5", behindProxies.clientKey(PROXY, List.of("example.com")), "never a name lookup");
    }

    @Test
    void an_ipv6_client_is_keyed_by_its_64_bit_prefix() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        assertEquals(ClientAddresses.key(ip("2001:db8:1:2::1")), ClientAddresses.key(ip("2001:db8:1:2::2")));
        assertEquals("0:0:0:0::/64", ClientAddresses.key(ip("::1")));
        assertEquals("192.0.2.1", ClientAddresses.key(ip("::ffff:192.0.2.1")), "IPv4-mapped is IPv4");
        assertTrue(behindProxies.isTrusted(ip("2001:db8:ffff:1::1")));
        assertFalse(behindProxies.isTrusted(ip("2001:db8:fffe::1")));
    }

    @Test
    void forwarded_entries_are_parsed_as_literals_only() {
        assertEquals(ip("192.0.2.1"), ClientAddresses.parse(" 192.0.2.1 "));
        assertEquals(ip("2001:db8::1"), ClientAddresses.parse("2001:db8::1"));
        assertNull(ClientAddresses.parse("localhost"));
        assertNull(ClientAddresses.parse("[2001:db8::1"));
        assertNull(ClientAddresses.parse(""));
    }

    @Test
    void a_trusted_proxy_entry_must_be_an_address_or_cidr() {
        assertTrue(new ClientAddresses(List.of("192.0.2.7")).isTrusted(ip("192.0.2.7")));
        assertFalse(new ClientAddresses(List.of("192.0.2.7")).isTrusted(ip("192.0.2.8")));
        for (String wrong : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "2001:db8::/129")) {
            assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of(wrong)), wrong);
        }
    }
}
