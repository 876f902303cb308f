package io.parley.retention.application.port.out;

import io.parley.retention.domain.RetentionPolicy;

/**
 * Sees every batch of a run at the moments that matter for crash safety. Production has none; tests use one
 * to stop a run at an exact point (throwing from it is the in-process stand-in for a process that dies there)
 * or to hold a run while a second one tries to start.
 */
public interface RetentionBatchObserver {

    enum Stage {
        /** Inside the batch's transaction: the archive lines are durable, the delete ran, nothing is committed. */
        BEFORE_COMMIT,
        /** The transaction committed; the archive batch is not confirmed yet. */
        COMMITTED,
        /** The batch is complete; the next one has not begun. */
        DONE
    }

    /** @param batch 1 for the policy's first batch of the run */
    void at(Stage stage, RetentionPolicy policy, int batch);
}
