package io.parley.retention.application.service;

import io.parley.retention.application.service.BatchLoop.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one batch loop: full batches go on from the last position, an empty or short one ends it. */
// a fresh instance per test: junit-platform.properties makes per-class the default (for the database tests)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
class BatchLoopTest {

    final List<String> log = new ArrayList<>();

    @Test
    void full_batches_continue_after_the_last_position_and_a_short_one_ends_the_loop() {
        List<Integer> rows = List.of(1, 2, 3, 4, 5);

        int batches = BatchLoop.run(2, () -> log.add("before"), (Integer after, int number) -> {
            log.add("batch " + number + " after " + after);
            List<Integer> next = rows.stream().filter(r -> after == null || r > after).limit(2).toList();
            return next.isEmpty() ? null : new Batch<>(next.size(), next.get(next.size() - 1));
        }, number -> log.add("done " + number));

        assertEquals(3, batches);
        assertEquals(List.of("before", "batch 1 after null", "done 1",
                "before", "batch 2 after 2", "done 2",
                "before", "batch 3 after 4", "done 3"), log);
    }

    @Test
    void an_empty_batch_ends_the_loop_without_counting() {
        int batches = BatchLoop.run(2, () -> log.add("before"), (Void after, int number) -> {
            log.add("batch " + number);
            return new Batch<>(number == 1 ? 2 : 0, null);
        }, number -> log.add("done " + number));

        assertEquals(1, batches);
        assertEquals(List.of("before", "batch 1", "done 1", "before", "batch 2"), log, "a full batch is followed by one more look");
    }

    @Test
    void nothing_to_do_is_no_batch() {
        assertEquals(0, BatchLoop.run(5, () -> { }, (Object after, int number) -> null, number -> log.add("done " + number)));
        assertEquals(List.of(), log);
    }

    @Test
    void a_failing_batch_stops_the_loop_and_what_was_done_stays_counted() {
        List<Integer> done = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> BatchLoop.run(1, () -> { },
                (Void after, int number) -> {
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
        assertThrows(IllegalArgumentException.class, () -> BatchLoop.run(0, () -> { }, (Void after, int number) -> null, number -> { }));
    }
}
