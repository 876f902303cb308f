package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code ?from=&to=} of every statistics endpoint. */
class TimeWindowTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static TimeWindow of(String from, String to) {
        return TimeWindow.of(from, to, NOW, Duration.ofDays(1), Duration.ofDays(31));
    }

    @Test
    void defaults_to_the_default_length_before_now() {
        assertEquals(new TimeWindow(NOW.minus(Duration.ofDays(1)), NOW), of(null, ""));
    }

    @Test
    void takes_rfc_3339_with_any_offset() {
        assertEquals(new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T12:00:00Z")),
                of("2026-11-01T01:00:00+01:00", "2026-11-01T12:00:00Z"));
    }

    @Test
    void garbage_names_each_bad_parameter() {
        var violation = assertThrows(RuleViolationException.class, () -> of("yesterday", "2026-13-01T00:00:00Z"));
        assertEquals(List.of("from", "to"), violation.errors().stream().map(FieldError::field).toList());
        assertThrows(RuleViolationException.class, () -> of("2026-11-01T00:00:00", null)); // no offset
        assertThrows(RuleViolationException.class, () -> of("0001-01-01T00:00:00Z", null)); // before 1970
    }

    @Test
    void from_must_be_before_to_and_the_window_bounded() {
        assertThrows(RuleViolationException.class, () -> of("2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z"));
        assertThrows(RuleViolationException.class, () -> of("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"));
        assertThrows(RuleViolationException.class, () -> of("2026-01-01T00:00:00Z", "2026-11-01T00:00:00Z"));
    }
}
