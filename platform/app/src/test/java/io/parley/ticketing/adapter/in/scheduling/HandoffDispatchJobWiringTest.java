package io.parley.ticketing.adapter.in.scheduling;

import io.micronaut.context.ApplicationContext;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher runs by default on every instance, and {@code parley.ticketing.handoff.dispatcher.*} configures or disables it. */
class HandoffDispatchJobWiringTest {

    @Test
    void the_dispatcher_is_scheduled_unless_disabled_and_reads_its_settings() {
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of(
                "parley.ticketing.handoff.dispatcher.interval", "3s",
                "parley.ticketing.handoff.dispatcher.batch-size", "7",
                "parley.ticketing.handoff.dispatcher.max-attempts", "5",
                "parley.ticketing.handoff.dispatcher.initial-backoff", "10s")), "test")) {
            assertTrue(context.findBeanDefinition(HandoffDispatchJob.class).isPresent());
            HandoffDispatcherConfiguration configuration = context.getBean(HandoffDispatcherConfiguration.class);
            assertEquals(Duration.ofSeconds(3), configuration.getInterval());
            assertEquals(7, configuration.batchSize());
            assertEquals(5, configuration.retryPolicy().maxAttempts());
            assertEquals(Duration.ofSeconds(20), configuration.retryPolicy().backoff(2));
        }
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of("parley.ticketing.handoff.dispatcher.enabled", "false")), "test")) {
            assertFalse(context.findBeanDefinition(HandoffDispatchJob.class).isPresent());
        }
    }

    private static Map<String, Object> properties(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(extra);
        return properties;
    }
}
