package io.parley.tracing.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which partitions are missing: aligned UTC periods from the one in progress to the horizon, minus what exists. */
class TimePartitionPlanTest {

    static Instant at(String text) {
        return Instant.parse(text);
    }

    static TimeRange range(String from, String to) {
        return new TimeRange(from == null ? null : at(from), to == null ? null : at(to));
    }

    @Test
    void periods_are_aligned_in_utc() {
        Instant wednesday = at("2026-12-02T23:59:59.999Z");
        assertEquals(at("2026-12-02T00:00:00Z"), PartitionPeriod.DAY.start(wednesday));
        assertEquals(at("2026-12-03T00:00:00Z"), PartitionPeriod.DAY.end(wednesday));
        assertEquals(at("2026-11-30T00:00:00Z"), PartitionPeriod.WEEK.start(wednesday), "ISO weeks start on Monday");
        assertEquals(at("2026-12-07T00:00:00Z"), PartitionPeriod.WEEK.end(wednesday));
        assertEquals(at("2026-12-01T00:00:00Z"), PartitionPeriod.MONTH.start(wednesday));
        assertEquals(at("2027-01-01T00:00:00Z"), PartitionPeriod.MONTH.end(wednesday));
        assertEquals(at("2026-12-03T00:00:00Z"), PartitionPeriod.DAY.end(at("2026-12-02T00:00:00Z")), "a boundary starts its period");
        assertEquals(PartitionPeriod.WEEK, PartitionPeriod.parse(" Week "));
        assertThrows(IllegalArgumentException.class, () -> PartitionPeriod.parse("hour"));
    }

    @Test
    void with_nothing_yet_every_day_from_today_to_the_horizon_is_missing() {
        List<TimeRange> missing = TimePartitionPlan.missing(List.of(), at("2026-12-05T04:00:00Z"), at("2026-12-08T04:00:00Z"),
                PartitionPeriod.DAY);

        assertEquals(List.of(
                range("2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z"),
                range("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z"),
                range("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"),
                range("2026-12-08T00:00:00Z", "2026-12-09T00:00:00Z")), missing);
    }

    @Test
    void what_exists_is_not_planned_again() {
        List<TimeRange> existing = List.of(
                range(null, "2026-11-04T00:00:00Z"),
                range("2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z"),
                range("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"));

        List<TimeRange> missing = TimePartitionPlan.missing(existing, at("2026-12-05T04:00:00Z"), at("2026-12-08T04:00:00Z"),
                PartitionPeriod.DAY);

        assertEquals(List.of(range("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z"),
                range("2026-12-08T00:00:00Z", "2026-12-09T00:00:00Z")), missing);
        assertEquals(List.of(), TimePartitionPlan.missing(List.of(range("2026-12-01T00:00:00Z", null)),
                at("2026-12-05T04:00:00Z"), at("2026-12-08T04:00:00Z"), PartitionPeriod.DAY), "an unbounded partition covers all");
    }

    @Test
    void a_week_partly_covered_by_days_gets_only_its_uncovered_rest() {
        List<TimeRange> existing = List.of(
                range("2026-12-05T00:00:00Z", "2026-12-06T00:00:00Z"),
                range("2026-12-06T00:00:00Z", "2026-12-07T00:00:00Z"));

        List<TimeRange> missing = TimePartitionPlan.missing(existing, at("2026-12-05T04:00:00Z"), at("2026-12-08T04:00:00Z"),
                PartitionPeriod.WEEK);

        assertEquals(List.of(
                range("2026-11-30T00:00:00Z", "2026-12-05T00:00:00Z"),
                range("2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z")), missing, "no overlap, no gap");
    }

    @Test
    void a_range_knows_whether_it_lies_entirely_before_a_cutoff() {
        Instant cutoff = at("2026-11-05T03:30:00Z");
        assertTrue(range("2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z").entirelyBefore(cutoff));
        assertTrue(range(null, "2026-11-05T03:30:00Z").entirelyBefore(cutoff), "its last instant is before the cutoff");
        assertFalse(range("2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z").entirelyBefore(cutoff), "it straddles the cutoff");
        assertFalse(range("2026-11-05T00:00:00Z", null).entirelyBefore(cutoff));
        assertThrows(IllegalArgumentException.class, () -> range("2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z"));
    }
}
