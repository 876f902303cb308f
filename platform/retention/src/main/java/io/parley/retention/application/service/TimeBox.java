package io.parley.retention.application.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * How many conversations the next batch takes, so that a batch's transaction (its row locks, its burst of
 * deletes and WAL) lasts about {@code budget} and no longer, whatever the conversations weigh.
 *
 * <p>The first batch of a run takes one conversation: nothing is known yet about what a conversation costs. After
 * each batch the next one takes as many conversations as the last one's pace fits into the budget
 * ({@code size × budget / elapsed}, rounded down), but at most twice as many as the last (so a fast batch on
 * a clock too coarse to see it, or a run of light conversations, cannot make the next one huge), at most
 * {@code max}, and at least one. So it doubles while batches take at most half the budget, settles where a
 * batch takes the budget, and after a batch that overran, the next shrinks in proportion to the overrun. A
 * single conversation that alone takes longer than the budget still goes (in a batch of one): the time box
 * bounds how many conversations share a transaction, never whether one can be purged.
 *
 * <p>A batch overruns only when it is slower per conversation than the one before it (heavier conversations, or a
 * busier database), with at most twice as many conversations; its successor is then smaller in proportion.
 */
final class TimeBox implements BatchLoop.Sizes {

    private static final Logger LOG = LoggerFactory.getLogger(TimeBox.class);

    private final int max;
    private final long budgetNanos;
    private int size = 1;

    TimeBox(int max, Duration budget) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one conversation, not " + max);
        }
        if (budget == null || budget.isZero() || budget.isNegative()) {
            throw new IllegalArgumentException("the batch budget is more than zero, not " + budget);
        }
        this.max = max;
        this.budgetNanos = budget.toNanos();
    }

    @Override
    public int next() {
        return size;
    }

    @Override
    public void took(Duration elapsed) {
        long nanos = Math.max(0, elapsed.toNanos());
        long doubled = Math.min(2L * size, max);
        // elapsed 0: as fast as the clock can tell, so at least twice the budget's worth would fit
        long fits = nanos == 0 ? doubled : (long) ((double) size * budgetNanos / nanos);
        int next = (int) Math.max(1, Math.min(doubled, fits));
        if (nanos > budgetNanos && LOG.isDebugEnabled()) {
            LOG.debug("retention batch of {} took {} ms, over its {} ms budget: the next takes {}", size,
                    elapsed.toMillis(), Duration.ofNanos(budgetNanos).toMillis(), next);
        }
        size = next;
    }

    /**
     * How many batches {@code rows} take when every batch stays within half the budget (1, 2, 4, … then
     * {@code max} a batch): what a dry run reports for a policy it counts at once. A real run whose batches
     * take longer takes more, smaller batches.
     */
    static long batchesFor(long rows, int max) {
        long batches = 0;
        long size = 1;
        long left = rows;
        while (left > 0 && size < max) {
            batches++;
            left -= size;
            size = Math.min(2 * size, max);
        }
        return left > 0 ? batches + (left + max - 1) / max : batches;
    }
}
