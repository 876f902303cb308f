package io.parley.tracing.application.service;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code parley.tracing.request-log.*}: the API request log's queue and its background writer. */
@ConfigurationProperties("parley.tracing.request-log")
public class RequestLogSettings {

    /** Lines waiting for the writer; beyond this they are dropped (and counted), never waited for. */
    private int capacity = 10_000;
    /** The writer stores a batch as soon as this many lines wait... */
    private int batchSize = 200;
    /** ...and otherwise whatever waits, this often. */
    private Duration flushInterval = Duration.ofMillis(500);

    public int getCapacity() {
        return capacity;
    }

    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("parley.tracing.request-log.capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("parley.tracing.request-log.batch-size must be 1..5000");
        }
        this.batchSize = batchSize;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("parley.tracing.request-log.flush-interval must be positive");
        }
        this.flushInterval = flushInterval;
    }
}
