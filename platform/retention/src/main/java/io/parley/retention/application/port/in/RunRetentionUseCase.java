package io.parley.retention.application.port.in;

import io.parley.retention.domain.RetentionReport;

/**
 * Apply every enabled retention policy once, on one instance at a time. The three triggers (nightly schedule,
 * admin endpoint, {@code retention} command) all come through here.
 */
public interface RunRetentionUseCase {

    /**
     * Runs every enabled policy once and reports what went (or, dry, what would go).
     *
     * @throws RetentionLockHeldException when another run holds the lock: this one did nothing
     */
    RetentionReport run(RunRetentionCommand command);
}
