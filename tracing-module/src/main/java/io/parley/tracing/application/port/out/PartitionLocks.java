package io.parley.tracing.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * How partition DDL waits for its locks: each attempt waits at most {@code timeout} (PostgreSQL's
 * {@code lock_timeout}, so a queued request never holds up the queries behind it for longer), and a
 * refused attempt is tried again after {@code pause}, up to {@code attempts} times in all.
 */
public record PartitionLocks(Duration timeout, int attempts, Duration pause) {

    public PartitionLocks {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pause, "pause");
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || pause.isNegative()) {
            throw new IllegalArgumentException("lock timeout must be positive, attempts at least 1, pause not negative");
        }
    }
}
