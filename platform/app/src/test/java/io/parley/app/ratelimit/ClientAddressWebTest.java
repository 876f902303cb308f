package io.parley.app.ratelimit;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Without trusted proxies the client is the socket's peer: an {@code X-Forwarded-For} header, whatever it
 * says, changes nothing, and a client on another address (a socket bound to 127.0.0.2 or 127.0.0.3) has a
 * budget of its own.
 */
@MicronautTest(transactional = false)
class ClientAddressWebTest implements PostgresBacked {

    private static final String FIRST_TURN = "{\"message\":\"Hello, I need help\"}";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.rate-limits.enabled", "true");
        properties.putAll(RateLimitWebTest.budgets());
        RateLimitWebTest.budget(properties, "guest-address", 2, 1, "1h");
        RateLimitWebTest.budget(properties, "new-conversation", 100, 1, "1h");
        return properties;
    }

    @Inject
    EmbeddedServer server;

    private int chatFrom(String localAddress, Map<String, String> headers) {
        return RawHttp.post(server.getURL(), localAddress, "/api/v1/chat", FIRST_TURN, headers);
    }

    @Test
    void a_spoofed_forwarded_for_from_an_untrusted_peer_changes_nothing_and_another_socket_address_has_its_own_budget() {
        assertEquals(200, chatFrom("127.0.0.2", Map.of("X-Forwarded-For", "198.51.100.1")));
        assertEquals(200, chatFrom("127.0.0.2", Map.of("X-Forwarded-For", "198.51.100.2")));
        long conversations = Fixtures.queryLong("SELECT count(*) FROM conversation.conversations");

        for (String spoofed : new String[]{"198.51.100.3", "198.51.100.4, 198.51.100.5", "127.0.0.3", "unknown"}) {
            assertEquals(429, chatFrom("127.0.0.2", Map.of("X-Forwarded-For", spoofed)), spoofed);
        }
        assertEquals(429, chatFrom("127.0.0.2", Map.of()));
        assertEquals(conversations, Fixtures.queryLong("SELECT count(*) FROM conversation.conversations"));

        assertEquals(200, chatFrom("127.0.0.3", Map.of()), "another client address, its own budget");
        assertEquals(200, chatFrom("127.0.0.3", Map.of("X-Forwarded-For", "127.0.0.2")));
        assertEquals(429, chatFrom("127.0.0.3", Map.of()));
    }
}
