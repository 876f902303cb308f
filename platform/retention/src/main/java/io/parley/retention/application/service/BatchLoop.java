package io.parley.retention.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;

/**
 * The one batch loop of the job. Every policy works in bounded batches, each its own short transaction, in
 * the order of the index the policy walks: take the next batch after the last one's position, and stop at the
 * first batch that comes back empty or short (fewer than it asked for: nothing is left behind it). Only what a
 * single batch does differs between the policies, and it is the {@link Step} handed in; how many rows each
 * batch asks for is the {@link Sizes} handed in (a fixed number, or the {@link TimeBox}, which learns it from
 * how long the batches take on the job's clock).
 */
final class BatchLoop {

    private BatchLoop() {
    }

    /**
     * A batch that did (or, dry, counted) something.
     *
     * @param size how many rows (or conversations) it took; fewer than it asked for ends the loop
     * @param last where the next batch continues; null for a policy whose batches remove what they took, so the
     *             next one starts from the beginning again
     */
    record Batch<P>(long size, P last) {
    }

    @FunctionalInterface
    interface Step<P> {

        /**
         * Does batch {@code number} (1 for the first of the run) of at most {@code size} rows, starting after
         * {@code after} (null: from the start). Null when there was nothing left to do.
         */
        Batch<P> next(P after, int number, int size);
    }

    /** How many rows the next batch asks for, told how long each batch took. */
    interface Sizes {

        /** At least 1. */
        int next();

        /** The batch that asked for {@link #next()} rows took {@code elapsed} (never negative). */
        void took(Duration elapsed);

        /** Every batch asks for {@code size}, however long it takes. */
        static Sizes fixed(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("a batch holds at least one row, not " + size);
            }
            return new Sizes() {
                @Override
                public int next() {
                    return size;
                }

                @Override
                public void took(Duration elapsed) {
                    // a fixed size learns nothing
                }
            };
        }
    }

    /**
     * Runs {@code step} until a batch comes back empty or short.
     *
     * @param sizes     how many rows each batch asks for; told how long each batch took (the step alone, on
     *                  {@code clock}: not {@code before}'s pause, not the observers after it)
     * @param before    before every batch (the lock check and the pause between batches)
     * @param afterEach after every batch that did something, with its number
     * @return how many batches did something
     */
    static <P> int run(Sizes sizes, Clock clock, Runnable before, Step<P> step, IntConsumer afterEach) {
        P after = null;
        int number = 0;
        while (true) {
            before.run();
            int size = sizes.next();
            Instant start = clock.instant();
            Batch<P> batch = step.next(after, number + 1, size);
            if (batch == null || batch.size() == 0) {
                return number;
            }
            Duration elapsed = Duration.between(start, clock.instant());
            // a clock stepped back (the system clock under NTP) says nothing about the batch
            sizes.took(elapsed.isNegative() ? Duration.ZERO : elapsed);
            number++;
            afterEach.accept(number);
            if (batch.size() < size) {
                return number;
            }
            after = batch.last();
        }
    }
}
