package io.parley.tracing.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * What a tree of spans cost: how many spans, the wall-clock time from its first start to its last
 * known instant (end, or start of a span still open), tokens, dollars, and failed spans.
 */
public record TraceTotals(int spans, double durationMs, long inputTokens, long outputTokens, BigDecimal costUsd, int errors) {

    public static final TraceTotals NONE = new TraceTotals(0, 0, 0, 0, BigDecimal.ZERO.setScale(Span.COST_SCALE), 0);

    public static TraceTotals of(Collection<Span> spans) {
        if (spans.isEmpty()) {
            return NONE;
        }
        Instant first = null;
        Instant last = null;
        long input = 0;
        long output = 0;
        BigDecimal cost = NONE.costUsd();
        int errors = 0;
        for (Span span : spans) {
            first = first == null || span.startedAt().isBefore(first) ? span.startedAt() : first;
            last = last == null || span.lastKnownInstant().isAfter(last) ? span.lastKnownInstant() : last;
            input += span.inputTokens() == null ? 0 : span.inputTokens();
            output += span.outputTokens() == null ? 0 : span.outputTokens();
            cost = span.costUsd() == null ? cost : cost.add(span.costUsd());
            errors += span.failed() ? 1 : 0;
        }
        return new TraceTotals(spans.size(), Duration.between(first, last).toNanos() / 1_000_000.0, input, output, cost, errors);
    }

    /**
     * Both totals together. The durations add up: for several trees (e.g. every answer of a
     * conversation) that is the time the agent was busy, not the span of the conversation.
     */
    public TraceTotals plus(TraceTotals other) {
        return new TraceTotals(spans + other.spans, durationMs + other.durationMs, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, costUsd.add(other.costUsd), errors + other.errors);
    }
}
