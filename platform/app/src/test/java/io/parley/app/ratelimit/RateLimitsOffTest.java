package io.parley.app.ratelimit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestHttp.Reply;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code parley.rate-limits.enabled=false} (PARLEY_RATE_LIMITS_ENABLED=false): no limit, no header, no filter at all. */
@MicronautTest(transactional = false)
class RateLimitsOffTest extends WebTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(RateLimitWebTest.budgets());
        properties.put("parley.rate-limits.enabled", "false");
        return properties;
    }

    @Inject
    ApplicationContext context;

    @Test
    void with_limits_off_a_burst_far_over_every_budget_passes_without_rate_limit_headers() {
        String token = TestTokens.user("unlimited");
        for (int i = 0; i < 12; i++) {
            Reply guest = http.post("/api/v1/chat", null, object("message", "hello " + i));
            assertEquals(200, guest.status(), guest::toString);
            assertNull(guest.header("RateLimit"));
            Reply user = http.post("/api/v1/conversations", token, object("channel", "web"));
            assertEquals(201, user.status(), user::toString);
            assertNull(user.header("RateLimit-Policy"));
        }
        assertFalse(context.containsBean(RateLimitFilter.class));
        assertFalse(context.containsBean(RateLimiter.class));
    }
}
