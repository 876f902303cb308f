package io.parley.tracing.adapter.in.scheduling;

import io.micronaut.context.ApplicationContext;
import io.parley.testing.TestDatabase;
import io.parley.tracing.application.service.TracePartitionSettings;
import io.parley.tracing.domain.PartitionPeriod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partition job runs by default on every instance, and {@code parley.tracing.partitions.*} configures or
 * disables it. (The test environment disables it, so the first context enables it as production does by default.)
 */
class TracePartitionJobWiringTest {

    @Test
    void the_job_is_scheduled_unless_disabled_and_reads_its_settings() {
        assertTrue(new TracePartitionSettings().isEnabled(), "on unless configured off");
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of(
                "parley.tracing.partitions.enabled", "true",
                "parley.tracing.partitions.period", "week",
                "parley.tracing.partitions.ahead-days", "14",
                "parley.tracing.partitions.interval", "10m",
                "parley.tracing.partitions.lock-timeout", "2s")), "test")) {
            assertTrue(context.findBeanDefinition(TracePartitionJob.class).isPresent());
            TracePartitionSettings settings = context.getBean(TracePartitionSettings.class);
            assertEquals(PartitionPeriod.WEEK, settings.getPeriod());
            assertEquals(14, settings.getAheadDays());
            assertEquals(Duration.ofMinutes(10), settings.getInterval());
            assertEquals(Duration.ofSeconds(2), settings.locks().timeout());
        }
        try (ApplicationContext context = ApplicationContext.run(properties(Map.of("parley.tracing.partitions.enabled", "false")), "test")) {
            assertFalse(context.findBeanDefinition(TracePartitionJob.class).isPresent());
        }
    }

    @Test
    void settings_out_of_range_are_refused() {
        TracePartitionSettings settings = new TracePartitionSettings();
        assertThrows(IllegalArgumentException.class, () -> settings.setAheadDays(0));
        assertThrows(IllegalArgumentException.class, () -> settings.setPeriod("hour"));
        assertThrows(IllegalArgumentException.class, () -> settings.setLockTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> settings.setLockAttempts(0));
    }

    private static Map<String, Object> properties(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(extra);
        return properties;
    }
}
