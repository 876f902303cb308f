package io.parley.tracing.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The half-open time window {@code [from, to)} of a statistics query, bounded so one query cannot scan the whole log. */
public record StatsWindow(Instant from, Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofHours(24);
    public static final Duration MAX_LENGTH = Duration.ofDays(31);

    public StatsWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("window longer than " + MAX_LENGTH.toDays() + " days");
        }
    }
}
