package io.parley.tracing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Spans for domain tests: times in milliseconds after {@link #T0}. */
final class TestSpans {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final UUID CONVERSATION = UUID.fromString("00000000-0000-7000-8000-000000000001");
    static final UUID TRACE = UUID.fromString("00000000-0000-7000-8000-0000000000aa");

    private TestSpans() {
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-7000-8000-%012d", 1000 + n));
    }

    static Span span(int id, Integer parent, long startMs, Long endMs) {
        return new Span(id(id), TRACE, parent == null ? null : id(parent), CONVERSATION, null, "agent", OperationType.OTHER,
                "step " + id, SpanStatus.OK, T0.plusMillis(startMs), endMs == null ? null : T0.plusMillis(endMs),
                null, null, null, null, null, null);
    }

    static Span costly(int id, Integer parent, long startMs, long endMs, Integer in, Integer out, String cost, SpanStatus status) {
        return new Span(id(id), TRACE, parent == null ? null : id(parent), CONVERSATION, null, "agent", OperationType.LLM_CALL,
                "call " + id, status, T0.plusMillis(startMs), T0.plusMillis(endMs),
                in, out, cost == null ? null : new BigDecimal(cost), "model-x", null, null);
    }
}
