package io.parley.app.ratelimit;

import io.micronaut.context.ApplicationContext;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped defaults of application.yml, and a wrong value stops the start instead of limiting nothing. */
class RateLimitSettingsTest {

    private static Map<String, Object> properties(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.rate-limits.enabled", "true");
        properties.putAll(overrides);
        return properties;
    }

    @Test
    void the_defaults_are_those_of_application_yml() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of()), "test")) {
            RateLimitSettings settings = context.getBean(RateLimitSettings.class);
            assertEquals("Budget[capacity=30, refillTokens=60, refillPeriod=PT1M]", settings.configured(Limit.GUEST_ADDRESS).toString());
            assertEquals("Budget[capacity=10, refillTokens=20, refillPeriod=PT1M]", settings.configured(Limit.GUEST_SESSION).toString());
            assertEquals("Budget[capacity=10, refillTokens=30, refillPeriod=PT1H]", settings.configured(Limit.NEW_CONVERSATION).toString());
            assertEquals("Budget[capacity=30, refillTokens=60, refillPeriod=PT1M]", settings.configured(Limit.USER_WRITES).toString());
            assertEquals("Budget[capacity=10000, refillTokens=5000, refillPeriod=PT1S]", settings.configured(Limit.SERVICE_WRITES).toString());
            assertEquals("Budget[capacity=60000, refillTokens=30000, refillPeriod=PT1S]", settings.configured(Limit.TRACE_SPANS).toString());
            assertEquals(1, settings.instances());
            assertEquals(List.of(), settings.trustedProxies());
            assertEquals(java.time.Duration.ofSeconds(1), settings.refusalDelay());
            assertEquals(10, settings.refusalDelayAfter());
            assertEquals(1000, settings.maxDelayedRefusals());
        }
    }

    @Test
    void a_comma_separated_proxy_list_and_the_instance_share_are_read() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of(
                "parley.rate-limits.trusted-proxies", "10.0.0.0/8, 192.168.0.0/16",
                "parley.rate-limits.instances", "3")), "test")) {
            RateLimitSettings settings = context.getBean(RateLimitSettings.class);
            assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), settings.trustedProxies());
            assertEquals(10, settings.perInstance(Limit.GUEST_ADDRESS).capacity());
            assertEquals(30, settings.configured(Limit.GUEST_ADDRESS).capacity());
        }
    }

    @Test
    void an_invalid_value_stops_the_start() {
        for (Map<String, Object> wrong : List.<Map<String, Object>>of(
                Map.of("parley.rate-limits.guest-session.capacity", "0"),
                Map.of("parley.rate-limits.user-writes.refill-period", "0s"),
                Map.of("parley.rate-limits.instances", "0"),
                Map.of("parley.rate-limits.trusted-proxies", "proxy.internal"),
                Map.of("parley.rate-limits.refusal-delay", "-1s"),
                Map.of("parley.rate-limits.refusal-delay", "1m"),
                Map.of("parley.rate-limits.refusal-delay-after", "0"))) {
            Exception failure = assertThrows(Exception.class, () -> ApplicationContext.run(properties(wrong), "test").close(), wrong::toString);
            assertTrue(causes(failure).contains("parley.rate-limits") || causes(failure).contains("not an IP address"), () -> causes(failure));
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
