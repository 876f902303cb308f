package io.parley.ticketing.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How often and when a failed handoff delivery is tried again: exponential backoff
 * ({@code initialBackoff × 2^(attempt-1)}, at most {@code maxBackoff}), never earlier than a
 * helpdesk's {@code Retry-After} (itself capped at {@code maxRetryAfter} so a bogus header cannot
 * park a handoff for ever), and no more than {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("0 < initialBackoff <= maxBackoff");
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative");
        }
    }

    /** The delay after the {@code attempt}-th failed attempt (1-based). */
    public Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initialBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    public Instant nextAttemptAt(int attempt, Instant now, Duration retryAfter) {
        Duration delay = backoff(attempt);
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration wished = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            delay = wished.compareTo(delay) > 0 ? wished : delay;
        }
        return now.plus(delay);
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
