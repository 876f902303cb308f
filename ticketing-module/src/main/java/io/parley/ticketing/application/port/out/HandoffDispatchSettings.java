package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.RetryPolicy;

import java.time.Duration;

/** How the handoff dispatcher works through the outbox (from configuration). */
public interface HandoffDispatchSettings {

    /** Handoffs claimed per pass. */
    int batchSize();

    /** How long a claimed handoff stays with its dispatcher before another may retry it. */
    Duration lease();

    RetryPolicy retryPolicy();
}
