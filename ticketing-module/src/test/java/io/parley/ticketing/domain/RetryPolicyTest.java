package io.parley.ticketing.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1));

    @Test
    void the_backoff_doubles_from_the_initial_delay_up_to_the_cap() {
        assertEquals(Duration.ofSeconds(30), policy.backoff(1));
        assertEquals(Duration.ofSeconds(60), policy.backoff(2));
        assertEquals(Duration.ofSeconds(120), policy.backoff(3));
        assertEquals(Duration.ofSeconds(240), policy.backoff(4));
        assertEquals(Duration.ofMinutes(5), policy.backoff(5));
        assertEquals(Duration.ofMinutes(5), policy.backoff(1000), "no overflow for absurd attempt counts");
    }

    @Test
    void retry_after_is_honoured_when_it_asks_for_longer_and_is_itself_capped() {
        assertEquals(NOW.plusSeconds(300), policy.nextAttemptAt(1, NOW, Duration.ofSeconds(300)));
        assertEquals(NOW.plusSeconds(30), policy.nextAttemptAt(1, NOW, Duration.ofSeconds(5)), "never sooner than the backoff");
        assertEquals(NOW.plus(Duration.ofHours(1)), policy.nextAttemptAt(1, NOW, Duration.ofDays(30)), "a bogus header cannot park it for ever");
        assertEquals(NOW.plusSeconds(60), policy.nextAttemptAt(2, NOW, null));
    }

    @Test
    void attempts_are_capped() {
        assertFalse(policy.exhausted(7));
        assertTrue(policy.exhausted(8));
    }

    @Test
    void a_nonsensical_policy_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }
}
