package io.parley.app.ratelimit;

import io.parley.app.ratelimit.RateLimiter.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A budget's per-instance share, its policy window, and the header fields built from it. */
class BudgetTest {

    @Test
    void the_window_is_the_time_from_empty_to_full() {
        assertEquals(30, new Budget(30, 60, Duration.ofMinutes(1)).windowSeconds());
        assertEquals(1200, new Budget(10, 30, Duration.ofHours(1)).windowSeconds());
        assertEquals(2, new Budget(10000, 5000, Duration.ofSeconds(1)).windowSeconds());
        assertEquals(1, new Budget(1, 1000, Duration.ofSeconds(1)).windowSeconds(), "never 0");
        assertEquals(Duration.ofSeconds(30), new Budget(30, 60, Duration.ofMinutes(1)).timeToFill());
    }

    @Test
    void instances_split_the_burst_and_stretch_the_refill_so_together_they_grant_the_budget() {
        Budget budget = new Budget(30, 60, Duration.ofMinutes(1));
        assertEquals(budget, budget.share(1));
        assertEquals(new Budget(10, 60, Duration.ofMinutes(3)), budget.share(3));
        assertEquals(budget.windowSeconds(), budget.share(3).windowSeconds(), "the same rate per instance share");
        assertEquals(1, new Budget(2, 1, Duration.ofMinutes(1)).share(5).capacity(), "at least one token");
        assertThrows(IllegalArgumentException.class, () -> budget.share(0));
    }

    @Test
    void a_budget_needs_positive_figures() {
        assertThrows(IllegalArgumentException.class, () -> new Budget(0, 1, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Budget(1, 0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Budget(1, 1, Duration.ZERO));
    }

    @Test
    void the_headers_are_structured_field_lists_of_the_draft() {
        List<Observation> observations = List.of(
                new Observation(Limit.GUEST_ADDRESS, new Budget(30, 60, Duration.ofMinutes(1)), 29, 1),
                new Observation(Limit.TRACE_SPANS, new Budget(60000, 30000, Duration.ofSeconds(1)), 59500, 1));
        assertEquals("\"guest-address\";q=30;w=30, \"trace-spans\";q=60000;w=2;qu=\"spans\"", RateLimitHeaders.policy(observations));
        assertEquals("\"guest-address\";r=29;t=1, \"trace-spans\";r=59500;t=1", RateLimitHeaders.state(observations));
    }
}
