package io.parley.app.retention;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.parley.app.support.TestTokens;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parley.retention.*}: the defaults of issue 8, overrides from configuration, a nonsense value stops the
 * application at startup with the key named, and {@code enabled: false} switches off the schedule only.
 */
@MicronautTest(transactional = false)
class RetentionSettingsTest implements PostgresBacked {

    @Test
    void the_defaults_are_the_issues() {
        RetentionSettings settings = new RetentionSettings();

        assertTrue(settings.isEnabled());
        assertEquals(1000, settings.getBatchSize());
        assertEquals(5000, settings.getRowBatchSize());
        assertEquals(Duration.ofMillis(200), settings.getPause());
        assertEquals(90, settings.getClosedConversations().getDays());
        assertEquals(RetentionSettings.Action.DELETE, settings.getClosedConversations().getAction());
        assertEquals(180, settings.getIdleConversations().getDays());
        assertEquals(30, settings.getAgentTraces().getDays());
        assertEquals(30, settings.getApiRequests().getDays());
        assertEquals(Path.of("data", "retention-archive"), settings.getArchive().getDirectory());
    }

    @Test
    void a_cutoff_is_the_window_before_now_rounded_down_to_the_second_and_none_when_disabled() {
        RetentionSettings.Window traces = new RetentionSettings().getAgentTraces();

        assertEquals(Instant.parse("2026-10-24T10:15:30Z"), traces.cutoff(Instant.parse("2026-11-23T10:15:30.999Z")));
        traces.setEnabled(false);
        assertNull(traces.cutoff(Instant.parse("2026-11-23T10:15:30Z")));
    }

    @Test
    void every_key_binds_from_configuration() {
        Map<String, Object> properties = properties();
        properties.put("parley.retention.batch-size", "250");
        properties.put("parley.retention.row-batch-size", "20000");
        properties.put("parley.retention.pause", "1s");
        properties.put("parley.retention.closed-conversations.days", "60");
        properties.put("parley.retention.closed-conversations.action", "archive");
        properties.put("parley.retention.idle-conversations.days", "120");
        properties.put("parley.retention.agent-traces.enabled", "false");
        properties.put("parley.retention.api-requests.days", "14");
        properties.put("parley.retention.archive.directory", "/var/lib/parley/archive");

        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            RetentionSettings settings = context.getBean(RetentionSettings.class);

            assertEquals(250, settings.getBatchSize());
            assertEquals(20000, settings.getRowBatchSize());
            assertEquals(Duration.ofSeconds(1), settings.getPause());
            assertEquals(60, settings.getClosedConversations().getDays());
            assertEquals(RetentionSettings.Action.ARCHIVE, settings.getClosedConversations().getAction());
            assertEquals(120, settings.getIdleConversations().getDays());
            assertFalse(settings.getAgentTraces().isEnabled());
            assertEquals(14, settings.getApiRequests().getDays());
            assertEquals(Path.of("/var/lib/parley/archive"), settings.getArchive().getDirectory());
        }
    }

    @Test
    void a_nonsense_value_stops_the_application_and_names_the_key() {
        for (Map.Entry<String, String> bad : Map.of(
                "parley.retention.batch-size", "0",
                "parley.retention.row-batch-size", "1000000",
                "parley.retention.closed-conversations.days", "0",
                "parley.retention.pause", "-1s").entrySet()) {
            Map<String, Object> properties = properties();
            properties.put(bad.getKey(), bad.getValue());
            try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
                RuntimeException failure = assertThrows(RuntimeException.class, () -> context.getBean(RetentionJob.class), bad::toString);
                assertTrue(failure instanceof BeanInstantiationException || failure instanceof DependencyInjectionException, failure::toString);
                assertTrue(causes(failure).contains(bad.getKey().substring(bad.getKey().lastIndexOf('.') + 1)), causes(failure));
            }
        }
    }

    @Test
    void enabled_false_switches_off_the_schedule_but_not_the_job() {
        try (ApplicationContext scheduled = ApplicationContext.run(properties(), "test")) {
            assertTrue(scheduled.containsBean(RetentionSchedule.class), "on by default");
        }
        Map<String, Object> off = properties();
        off.put("parley.retention.enabled", "false");
        try (ApplicationContext unscheduled = ApplicationContext.run(off, "test")) {
            assertFalse(unscheduled.containsBean(RetentionSchedule.class));
            assertTrue(unscheduled.containsBean(RetentionJob.class), "the admin endpoint and the CLI still run it");
        }
    }

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.jwt.secret", TestTokens.SECRET);
        return properties;
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
