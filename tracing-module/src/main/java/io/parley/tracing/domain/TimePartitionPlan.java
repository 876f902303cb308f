package io.parley.tracing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which partitions are missing for the time from {@code from} to {@code until}: the period (of the
 * configured length, aligned in UTC) holding {@code from} and every later one that starts before
 * {@code until}, minus what existing partitions already cover. A
 * period partly covered (the length was changed, or an older partition ends inside it) gets a partition
 * for each uncovered piece, so partitions never overlap and never leave a gap in the planned time.
 */
public final class TimePartitionPlan {

    private TimePartitionPlan() {
    }

    public static List<TimeRange> missing(Collection<TimeRange> existing, Instant from, Instant until, PartitionPeriod period) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(period, "period");
        List<TimeRange> covered = existing.stream()
                .sorted(Comparator.comparing(TimeRange::from, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<TimeRange> missing = new ArrayList<>();
        Instant start = period.start(from);
        do {
            missing.addAll(uncovered(new TimeRange(start, period.end(start)), covered));
            start = period.end(start);
        } while (start.isBefore(until));
        return missing;
    }

    /** The pieces of {@code wanted} that no range of {@code covered} (sorted by start) holds. */
    private static List<TimeRange> uncovered(TimeRange wanted, List<TimeRange> covered) {
        List<TimeRange> pieces = new ArrayList<>();
        Instant cursor = wanted.from();
        for (TimeRange range : covered) {
            if (!range.overlaps(new TimeRange(cursor, wanted.to()))) {
                continue;
            }
            if (range.from() != null && range.from().isAfter(cursor)) {
                pieces.add(new TimeRange(cursor, range.from()));
            }
            if (range.to() == null || !range.to().isBefore(wanted.to())) {
                return pieces;
            }
            cursor = range.to().isAfter(cursor) ? range.to() : cursor;
        }
        pieces.add(new TimeRange(cursor, wanted.to()));
        return pieces;
    }
}
