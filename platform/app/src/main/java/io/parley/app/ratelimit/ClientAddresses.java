package io.parley.app.ratelimit;

import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, as a rate-limit key. The socket's peer, unless that peer is a trusted proxy
 * ({@code parley.rate-limits.trusted-proxies}): then {@code X-Forwarded-For} is read from the right (the
 * entry the nearest proxy appended) past every trusted proxy, and the first untrusted entry is the client.
 * Entries further left were written by the client itself and are never believed, and a header from an
 * untrusted peer is ignored altogether.
 *
 * <p>Addresses are parsed as literals only (no name lookups). An IPv6 client is keyed by its /64: one
 * subscriber usually holds a whole /64 and could otherwise rotate addresses inside it.
 */
final class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpSubnetFilterRule> trusted;

    ClientAddresses(List<String> trustedProxies) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String cidr : trustedProxies) {
            rules.add(rule(cidr));
        }
        this.trusted = List.copyOf(rules);
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address ({@code 192.0.2.7} is {@code /32}). */
    static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String host = (slash < 0 ? cidr : cidr.substring(0, slash)).trim();
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + cidr);
        }
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? maxPrefix : Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + cidr);
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + cidr);
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    /** The client's key of a request: its socket's peer and {@code X-Forwarded-For} headers. */
    String clientKey(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        return trusted.isEmpty() ? key(peer) : clientKey(peer, request.getHeaders().getAll(FORWARDED_FOR));
    }

    /**
     * The client's key.
     *
     * @param peer          the socket's remote address
     * @param forwardedFor  every {@code X-Forwarded-For} header of the request, in order
     */
    String clientKey(InetAddress peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return key(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop);
            }
        }
        InetAddress nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                // an unreadable entry: the trusted proxy that forwarded it is the best we know
                return key(nearest);
            }
            if (!isTrusted(hop)) {
                return key(hop);
            }
            nearest = hop;
        }
        // every entry is a trusted proxy: the left-most one is where the request came from
        return key(nearest);
    }

    boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, also as {@code 192.0.2.1:4711} or {@code [2001:db8::1]:4711}; anything else is null. */
    static InetAddress parse(String entry) {
        String text = entry.trim();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':') && text.indexOf('.') > 0) {
            text = text.substring(0, text.indexOf(':'));
        }
        return text.isEmpty() ? null : NetUtil.createInetAddressFromIpAddressString(text);
    }

    /** IPv4: the address; IPv6: its /64 prefix. */
    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
