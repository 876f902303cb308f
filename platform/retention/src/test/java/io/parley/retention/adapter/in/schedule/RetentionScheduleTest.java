package io.parley.retention.adapter.in.schedule;

import io.micronaut.context.ApplicationContext;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code parley.retention.enabled}: on by default, and {@code false} switches off the schedule only. */
class RetentionScheduleTest {

    @Test
    void enabled_false_switches_off_the_schedule_but_not_the_job() {
        try (ApplicationContext scheduled = ApplicationContext.run(new HashMap<>(TestDatabase.properties()), "test")) {
            assertTrue(scheduled.containsBean(RetentionSchedule.class), "on by default");
        }
        Map<String, Object> off = new HashMap<>(TestDatabase.properties());
        off.put("parley.retention.enabled", "false");
        try (ApplicationContext unscheduled = ApplicationContext.run(off, "test")) {
            assertFalse(unscheduled.containsBean(RetentionSchedule.class));
            assertTrue(unscheduled.containsBean(RunRetentionUseCase.class), "the admin endpoint and the CLI still run it");
        }
    }
}
