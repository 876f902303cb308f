package io.parley.tracing.domain;

import java.time.Instant;

/**
 * The half-open range {@code [from, to)} of one range partition; a null bound is unbounded (a partition
 * FROM (MINVALUE) or TO (MAXVALUE)).
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("an empty time range: " + from + " to " + to);
        }
    }

    /** Every instant of the range is before {@code cutoff}: nothing in it is at or after the cutoff. */
    public boolean entirelyBefore(Instant cutoff) {
        return to != null && !to.isAfter(cutoff);
    }

    public boolean overlaps(TimeRange other) {
        return (from == null || other.to == null || from.isBefore(other.to))
                && (other.from == null || to == null || other.from.isBefore(to));
    }
}
