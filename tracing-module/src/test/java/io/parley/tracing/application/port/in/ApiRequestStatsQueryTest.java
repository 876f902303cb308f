package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiRequestStatsQueryTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static List<FieldError> errors(String from, String to) {
        return assertThrows(RuleViolationException.class, () -> ApiRequestStatsQuery.of(from, to, NOW)).errors();
    }

    @Test
    void defaults_are_the_last_24_hours() {
        var window = ApiRequestStatsQuery.of(null, null, NOW).window();

        assertEquals(NOW, window.to());
        assertEquals(NOW.minus(Duration.ofHours(24)), window.from());
    }

    @Test
    void from_alone_runs_until_now_and_to_alone_covers_the_day_before() {
        assertEquals(NOW, ApiRequestStatsQuery.of("2026-11-23T00:00:00Z", null, NOW).window().to());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), ApiRequestStatsQuery.of(null, "2026-11-02T00:00:00Z", NOW).window().from());
    }

    @Test
    void offsets_are_honoured() {
        var window = ApiRequestStatsQuery.of("2026-11-23T10:00:00+02:00", "2026-11-23T10:00:00.5Z", NOW).window();

        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), window.from());
        assertEquals(Instant.parse("2026-11-23T10:00:00.500Z"), window.to());
    }

    @Test
    void garbage_is_named() {
        assertEquals(List.of("from", "to"), errors("yesterday", "2026-13-01T00:00:00Z").stream().map(FieldError::field).toList());
        assertEquals("from", errors("2026-11-23", null).get(0).field());
        assertEquals("to", errors(null, "x".repeat(100)).get(0).field());
        assertEquals(new FieldError("to", "must be between 1970 and 9999"), errors(null, "+20000-01-01T00:00:00Z").get(0));
    }

    @Test
    void from_must_be_before_to() {
        assertEquals(new FieldError("from", "must be before to (to defaults to now)"),
                errors("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z").get(0));
        assertEquals("from", errors("2026-11-24T00:00:00Z", null).get(0).field());
    }

    @Test
    void an_endpoint_filter_is_a_route_template_of_bounded_length() {
        assertEquals("/api/v1/conversations/{id}", ApiRequestStatsQuery.of(null, null, "/api/v1/conversations/{id}", NOW).endpoint());
        assertEquals(null, ApiRequestStatsQuery.of(null, null, NOW).endpoint());
        var problem = assertThrows(RuleViolationException.class, () -> ApiRequestStatsQuery.of(null, null, "x".repeat(301), NOW)).errors();
        assertEquals(List.of(new FieldError("endpoint", "must be a route template of 1 to 300 characters")), problem);
        assertEquals("endpoint", assertThrows(RuleViolationException.class,
                () -> ApiRequestStatsQuery.of(null, null, "a\u0000", NOW)).errors().get(0).field());
    }

    @Test
    void the_window_is_at_most_31_days() {
        ApiRequestStatsQuery.of("2026-10-23T12:00:00Z", null, NOW);
        assertEquals(new FieldError("from", "the window from..to must be at most 31 days"), errors("2026-10-23T11:59:59Z", null).get(0));
    }
}
