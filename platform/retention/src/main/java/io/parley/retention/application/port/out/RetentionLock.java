package io.parley.retention.application.port.out;

import java.util.Optional;

/** One retention run at a time across every instance. */
public interface RetentionLock {

    /** The lock, or empty when another run (on another instance, or another run here) holds it. */
    Optional<Lease> tryAcquire();

    /** The held lock; {@link #close()} releases it. */
    interface Lease extends AutoCloseable {

        /**
         * Fails when the lock was lost (its database session ended): another instance may already be running,
         * so the run must stop before its next batch.
         */
        void ensureHeld();

        @Override
        void close();
    }
}
