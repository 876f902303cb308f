package io.parley.retention.application.service;

import io.parley.retention.application.service.BatchLoop.Batch;
import io.parley.retention.application.service.BatchLoop.Sizes;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one batch loop: full batches go on from the last position, an empty or short one ends it; and the time box
 * that sizes the conversation batches from how long the last one took on the job's clock (a clock the step
 * advances by what its rows "cost", so nothing sleeps and nothing depends on the machine's speed).
 */
// a fresh instance per test: junit-platform.properties makes per-class the default (for the database tests)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
class BatchLoopTest {

    static final Clock STILL = Clock.fixed(Instant.parse("2026-12-05T03:30:00Z"), ZoneOffset.UTC);
    static final Duration BUDGET = Duration.ofMillis(50);

    final List<String> log = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T03:30:00Z"));

    @Test
    void full_batches_continue_after_the_last_position_and_a_short_one_ends_the_loop() {
        List<Integer> rows = List.of(1, 2, 3, 4, 5);

        int batches = BatchLoop.run(Sizes.fixed(2), STILL, () -> log.add("before"), (Integer after, int number, int size) -> {
            log.add("batch " + number + " of " + size + " after " + after);
            List<Integer> next = rows.stream().filter(r -> after == null || r > after).limit(size).toList();
            return next.isEmpty() ? null : new Batch<>(next.size(), next.get(next.size() - 1));
        }, number -> log.add("done " + number));

        assertEquals(3, batches);
        assertEquals(List.of("before", "batch 1 of 2 after null", "done 1",
                "before", "batch 2 of 2 after 2", "done 2",
                "before", "batch 3 of 2 after 4", "done 3"), log);
    }

    @Test
    void an_empty_batch_ends_the_loop_without_counting() {
        int batches = BatchLoop.run(Sizes.fixed(2), STILL, () -> log.add("before"), (Void after, int number, int size) -> {
            log.add("batch " + number);
            return new Batch<>(number == 1 ? 2 : 0, null);
        }, number -> log.add("done " + number));

        assertEquals(1, batches);
        assertEquals(List.of("before", "batch 1", "done 1", "before", "batch 2"), log, "a full batch is followed by one more look");
    }

    @Test
    void nothing_to_do_is_no_batch() {
        assertEquals(0, BatchLoop.run(Sizes.fixed(5), STILL, () -> { }, (Object after, int number, int size) -> null,
                number -> log.add("done " + number)));
        assertEquals(List.of(), log);
    }

    @Test
    void a_failing_batch_stops_the_loop_and_what_was_done_stays_counted() {
        List<Integer> done = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> BatchLoop.run(Sizes.fixed(1), STILL, () -> { },
                (Void after, int number, int size) -> {
                    if (number == 3) {
                        throw new IllegalStateException("batch 3");
                    }
                    return new Batch<>(1, null);
                }, done::add));

        assertEquals("batch 3", failure.getMessage());
        assertEquals(Arrays.asList(1, 2), done);
    }

    @Test
    void a_batch_holds_at_least_one_row() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.fixed(0));
        assertThrows(IllegalArgumentException.class, () -> new TimeBox(0, BUDGET));
    }

    @Test
    void a_time_box_has_a_budget_of_more_than_zero() {
        assertThrows(IllegalArgumentException.class, () -> new TimeBox(100, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new TimeBox(100, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> new TimeBox(100, null));
    }

    // --- the time box ---

    @Test
    void the_first_batch_takes_one_and_batches_double_while_they_take_at_most_half_the_budget_up_to_the_ceiling() {
        List<Integer> asked = timeBoxed(100, 20, row -> 1);

        assertEquals(List.of(1, 2, 4, 8, 16, 20, 20, 20, 20), asked, "1 ms a row: 16 rows take 16 ms, so 32 would fit; the ceiling is 20");
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 20L, 20L, 20L, 9L), taken, "every row once; the short last batch ends the loop");
    }

    @Test
    void batches_settle_where_one_takes_the_budget_and_never_go_over_it_when_rows_weigh_the_same() {
        List<Integer> asked = timeBoxed(40, 100, row -> 10);

        assertEquals(List.of(1, 2, 4, 5, 5, 5, 5, 5, 5, 5), asked, "10 ms a row: 5 rows are the 50 ms budget");
        assertTrue(elapsed.stream().allMatch(ms -> ms <= BUDGET.toMillis()), elapsed::toString);
    }

    @Test
    void after_a_batch_that_overran_the_budget_the_next_is_smaller_in_proportion() {
        // ten light rows (1 ms), then heavy ones (10 ms): the batch that reaches the heavy rows overruns
        List<Integer> asked = timeBoxed(40, 100, row -> row < 10 ? 1 : 10);

        assertEquals(List.of(1, 2, 4, 8, 7, 5, 5, 5, 5), asked);
        assertEquals(List.of(1L, 2L, 4L, 53L, 70L, 50L, 50L, 50L, 30L), elapsed,
                "8 rows at the light pace met 5 heavy ones (53 ms): 8 × 50/53 = 7, at that mixed pace 70 ms, then 7 × 50/70 = 5");
        for (int i = 1; i < elapsed.size(); i++) {
            if (elapsed.get(i - 1) > BUDGET.toMillis()) {
                assertTrue(asked.get(i) < asked.get(i - 1), "after an overrun the next batch is smaller: " + asked);
            }
        }
    }

    @Test
    void a_row_heavier_than_the_whole_budget_still_goes_one_a_batch() {
        List<Integer> asked = timeBoxed(4, 100, row -> 80);

        assertEquals(List.of(1, 1, 1, 1, 1), asked, "never below one: the fifth look finds nothing");
        assertEquals(List.of(1L, 1L, 1L, 1L), taken);
    }

    @Test
    void a_batch_the_clock_cannot_see_or_a_clock_stepped_back_counts_as_well_within_the_budget() {
        TimeBox box = new TimeBox(100, BUDGET);
        box.took(Duration.ZERO);
        assertEquals(2, box.next());
        box.took(Duration.ofMillis(200));
        assertEquals(1, box.next(), "2 rows in 200 ms: 0.5 fit, and at least one goes");

        // the loop itself never hands the box a negative time
        List<Duration> seen = new ArrayList<>();
        BatchLoop.run(new Sizes() {
            @Override
            public int next() {
                return 1;
            }

            @Override
            public void took(Duration elapsed) {
                seen.add(elapsed);
            }
        }, clock, () -> { }, (Void after, int number, int size) -> {
            clock.advance(Duration.ofHours(-1));
            return new Batch<>(number < 3 ? 1 : 0, null);
        }, number -> { });
        assertEquals(List.of(Duration.ZERO, Duration.ZERO), seen);
    }

    @Test
    void the_dry_run_count_is_the_batches_of_a_run_whose_batches_stay_within_half_the_budget() {
        for (int max : new int[] {1, 2, 7, 100}) {
            for (int rows = 0; rows <= 300; rows++) {
                taken.clear();
                List<Integer> asked = timeBoxed(rows, max, row -> 0);
                assertEquals(taken.size(), TimeBox.batchesFor(rows, max), "rows " + rows + ", ceiling " + max + ": " + asked);
            }
        }
        assertEquals(7 + 9_999_999, TimeBox.batchesFor(1_000_000_000L, 100), "1, 2, 4, …, 64 (127 rows), then 100 a batch, counted at once");
    }

    final List<Long> taken = new ArrayList<>();
    final List<Long> elapsed = new ArrayList<>();

    /**
     * Runs the loop with a time box of {@code ceiling} and the 50 ms budget over {@code rows} rows, each batch
     * advancing the clock by its rows' cost in ms. Returns how many rows each batch asked for.
     */
    private List<Integer> timeBoxed(int rows, int ceiling, IntUnaryOperator costMs) {
        List<Integer> asked = new ArrayList<>();
        BatchLoop.run(new TimeBox(ceiling, BUDGET), clock, () -> { }, (Integer after, int number, int size) -> {
            asked.add(size);
            int first = after == null ? 0 : after + 1;
            int last = Math.min(rows, first + size) - 1;
            if (last < first) {
                return null;
            }
            long ms = 0;
            for (int row = first; row <= last; row++) {
                ms += costMs.applyAsInt(row);
            }
            clock.advance(Duration.ofMillis(ms));
            taken.add((long) (last - first + 1));
            elapsed.add(ms);
            return new Batch<>(last - first + 1, last);
        }, number -> { });
        return Collections.unmodifiableList(asked);
    }
}
