package io.parley.retention.adapter.in.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.domain.ClosedConversationAction;
import io.parley.retention.domain.RetentionSettings;
import io.parley.retention.domain.RetentionWindow;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parley.retention.*}: the defaults, overrides from configuration, and a nonsense value stops the
 * application at startup with the key named. (The archive directory is the archive adapter's key, the
 * schedule's switch the schedule's: see their tests.)
 */
@MicronautTest(transactional = false)
class RetentionSettingsTest implements PostgresBacked {

    @Test
    void the_defaults() {
        RetentionSettings settings = new RetentionProperties().toSettings();

        assertEquals(100, settings.batchSize(), "the ceiling the time box grows to");
        assertEquals(Duration.ofMillis(50), settings.batchBudget());
        assertEquals(5000, settings.rowBatchSize());
        assertEquals(Duration.ofMillis(200), settings.pause());
        assertEquals(new RetentionWindow(true, 90), settings.closedConversations());
        assertEquals(ClosedConversationAction.DELETE, settings.closedAction());
        assertEquals(new RetentionWindow(true, 180), settings.idleConversations());
        assertEquals(new RetentionWindow(true, 30), settings.agentTraces());
        assertEquals(new RetentionWindow(true, 30), settings.apiRequests());
    }

    @Test
    void the_run_itself_refuses_a_budget_of_zero_or_less() {
        RetentionSettings defaults = new RetentionProperties().toSettings();
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), null}) {
            assertThrows(IllegalArgumentException.class, () -> new RetentionSettings(defaults.batchSize(), defaults.rowBatchSize(),
                    defaults.pause(), bad, defaults.closedConversations(), defaults.closedAction(), defaults.idleConversations(),
                    defaults.agentTraces(), defaults.apiRequests()), String.valueOf(bad));
        }
    }

    @Test
    void a_cutoff_is_the_window_before_now_rounded_down_to_the_second_and_none_when_disabled() {
        assertEquals(Instant.parse("2026-10-24T10:15:30Z"), new RetentionWindow(true, 30).cutoff(Instant.parse("2026-11-23T10:15:30.999Z")));
        assertNull(new RetentionWindow(false, 30).cutoff(Instant.parse("2026-11-23T10:15:30Z")));
    }

    @Test
    void every_key_binds_from_configuration() {
        Map<String, Object> properties = properties();
        properties.put("parley.retention.batch-size", "250");
        properties.put("parley.retention.row-batch-size", "20000");
        properties.put("parley.retention.pause", "1s");
        properties.put("parley.retention.batch-budget", "20ms");
        properties.put("parley.retention.closed-conversations.days", "60");
        properties.put("parley.retention.closed-conversations.action", "archive");
        properties.put("parley.retention.idle-conversations.days", "120");
        properties.put("parley.retention.agent-traces.enabled", "false");
        properties.put("parley.retention.api-requests.days", "14");

        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            RetentionSettings settings = context.getBean(RetentionSettings.class);

            assertEquals(250, settings.batchSize());
            assertEquals(20000, settings.rowBatchSize());
            assertEquals(Duration.ofSeconds(1), settings.pause());
            assertEquals(Duration.ofMillis(20), settings.batchBudget());
            assertEquals(new RetentionWindow(true, 60), settings.closedConversations());
            assertEquals(ClosedConversationAction.ARCHIVE, settings.closedAction());
            assertEquals(120, settings.idleConversations().days());
            assertFalse(settings.agentTraces().enabled());
            assertEquals(14, settings.apiRequests().days());
        }
    }

    @Test
    void a_nonsense_value_stops_the_application_and_names_the_key() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("parley.retention.batch-size", "0"),
                Map.entry("parley.retention.row-batch-size", "1000000"),
                Map.entry("parley.retention.closed-conversations.days", "0"),
                Map.entry("parley.retention.pause", "-1s"),
                Map.entry("parley.retention.batch-budget", "0ms"),
                Map.entry("parley.retention.batch-budget", "-5ms"),
                Map.entry("parley.retention.batch-budget", "2m"))) {
            Map<String, Object> properties = properties();
            properties.put(bad.getKey(), bad.getValue());
            try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
                RuntimeException failure = assertThrows(RuntimeException.class, () -> context.getBean(RunRetentionUseCase.class), bad::toString);
                assertTrue(failure instanceof BeanInstantiationException || failure instanceof DependencyInjectionException, failure::toString);
                assertTrue(causes(failure).contains(bad.getKey().substring(bad.getKey().lastIndexOf('.') + 1)), causes(failure));
            }
        }
    }

    private static Map<String, Object> properties() {
        return new HashMap<>(TestDatabase.properties());
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
