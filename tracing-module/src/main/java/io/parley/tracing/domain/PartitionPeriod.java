package io.parley.tracing.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How much time one partition of the trace tables covers, in UTC: a day (the default), an ISO week
 * (Monday to Monday) or a calendar month. Retention drops whole partitions and deletes rows only in the
 * one that straddles its cutoff, so the shorter the period, the fewer rows are deleted one by one; the
 * longer, the fewer partitions every query that cannot prune (a conversation's traces) visits.
 */
public enum PartitionPeriod {
    DAY, WEEK, MONTH;

    /** The start of the period that holds {@code instant}. */
    public Instant start(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first period boundary strictly after {@code instant}: where the period holding it ends. */
    public Instant end(Instant instant) {
        LocalDate first = LocalDate.ofInstant(start(instant), ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** {@code day}, {@code week} or {@code month} (any case). */
    public static PartitionPeriod parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a partition period is day, week or month, not " + text);
        }
    }
}
