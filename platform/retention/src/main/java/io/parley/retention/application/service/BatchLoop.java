package io.parley.retention.application.service;

import java.util.function.IntConsumer;

/**
 * The one batch loop of the job. Every policy works in bounded batches, each its own short transaction, in
 * the order of the index the policy walks: take the next batch after the last one's position, and stop at the
 * first batch that comes back empty or short (fewer than {@code size}: nothing is left behind it). Only what a
 * single batch does differs between the policies, and it is the {@link Step} handed in.
 */
final class BatchLoop {

    private BatchLoop() {
    }

    /**
     * A batch that did (or, dry, counted) something.
     *
     * @param size how many rows (or conversations) it took; fewer than the batch size ends the loop
     * @param last where the next batch continues; null for a policy whose batches remove what they took, so the
     *             next one starts from the beginning again
     */
    record Batch<P>(long size, P last) {
    }

    @FunctionalInterface
    interface Step<P> {

        /**
         * Does batch {@code number} (1 for the first of the run), starting after {@code after} (null: from the
         * start). Null when there was nothing left to do.
         */
        Batch<P> next(P after, int number);
    }

    /**
     * Runs {@code step} until a batch comes back empty or short.
     *
     * @param before   before every batch (the lock check and the pause between batches)
     * @param afterEach after every batch that did something, with its number
     * @return how many batches did something
     */
    static <P> int run(int size, Runnable before, Step<P> step, IntConsumer afterEach) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one row, not " + size);
        }
        P after = null;
        int number = 0;
        while (true) {
            before.run();
            Batch<P> batch = step.next(after, number + 1);
            if (batch == null || batch.size() == 0) {
                return number;
            }
            number++;
            afterEach.accept(number);
            if (batch.size() < size) {
                return number;
            }
            after = batch.last();
        }
    }
}
