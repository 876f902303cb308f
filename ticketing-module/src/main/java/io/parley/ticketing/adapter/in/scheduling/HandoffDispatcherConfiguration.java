package io.parley.ticketing.adapter.in.scheduling;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.parley.ticketing.application.port.out.HandoffDispatchSettings;
import io.parley.ticketing.domain.RetryPolicy;

import java.time.Duration;

/**
 * {@code parley.ticketing.handoff.dispatcher.*}: how often the outbox is worked through and how
 * failed deliveries are retried. Defaults: every 10 s, 20 per pass, 8 attempts with backoff from
 * 30 s doubling up to 1 h (about an hour in all), a 2-minute lease per claimed handoff.
 */
@ConfigurationProperties("parley.ticketing.handoff.dispatcher")
class HandoffDispatcherConfiguration implements HandoffDispatchSettings {

    static final String ENABLED = "parley.ticketing.handoff.dispatcher.enabled";

    private boolean enabled = true;
    private Duration interval = Duration.ofSeconds(10);
    private int batchSize = 20;
    private Duration lease = Duration.ofMinutes(2);
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofSeconds(30);
    private Duration maxBackoff = Duration.ofHours(1);
    private Duration maxRetryAfter = Duration.ofHours(6);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Read by the @Scheduled expression; kept here so the configuration documents itself. */
    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public int batchSize() {
        if (batchSize < 1 || batchSize > 1000) {
            throw new ConfigurationException("parley.ticketing.handoff.dispatcher.batch-size must be between 1 and 1000");
        }
        return batchSize;
    }

    @Override
    public Duration lease() {
        if (lease.isNegative() || lease.isZero()) {
            throw new ConfigurationException("parley.ticketing.handoff.dispatcher.lease must be positive");
        }
        return lease;
    }

    @Override
    public RetryPolicy retryPolicy() {
        try {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("parley.ticketing.handoff.dispatcher: " + e.getMessage());
        }
    }
}
