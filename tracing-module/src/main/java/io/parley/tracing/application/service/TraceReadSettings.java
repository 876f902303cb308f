package io.parley.tracing.application.service;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code parley.tracing.read.*}: how much one trace read may return. */
@ConfigurationProperties("parley.tracing.read")
public class TraceReadSettings {

    /** Spans are up to 64 KiB each: a bound keeps one response (and its memory) finite. */
    private int maxSpans = 2000;

    public int getMaxSpans() {
        return maxSpans;
    }

    public void setMaxSpans(int maxSpans) {
        if (maxSpans < 1) {
            throw new IllegalArgumentException("parley.tracing.read.max-spans must be at least 1");
        }
        this.maxSpans = maxSpans;
    }
}
