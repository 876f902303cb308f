package io.parley.tracing.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One step of what the AI agent did for an answer (a model call, a retrieval, a tool call...).
 * Spans form trees through {@code parentId}; a parent may arrive after its children, so a
 * parent id names a span that may not exist (yet).
 *
 * <p>The invariants here mirror the CHECK constraints of {@code tracing.agent_traces}; requests
 * are validated against them earlier (with field names for the client), so breaking one here
 * is a programming error.
 */
public record Span(UUID id, UUID traceId, UUID parentId, UUID conversationId, UUID messageId,
                   String agentType, OperationType operationType, String name, SpanStatus status,
                   Instant startedAt, Instant endedAt,
                   Integer inputTokens, Integer outputTokens, BigDecimal costUsd, String model,
                   Map<String, Object> payload, String error) {

    public static final int AGENT_TYPE_MAX = 100;
    public static final int NAME_MAX = 200;
    public static final int MODEL_MAX = 200;
    public static final int ERROR_MAX = 4000;
    /** cost_usd is numeric(14, 6): micro-dollars, below one hundred million dollars. */
    public static final int COST_SCALE = 6;
    public static final BigDecimal COST_LIMIT = new BigDecimal("100000000");

    public Span {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(operationType, "operationType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        require(!id.equals(parentId), "a span cannot be its own parent");
        require(endedAt == null || !endedAt.isBefore(startedAt), "a span cannot end before it starts");
        require(inputTokens == null || inputTokens >= 0, "input tokens cannot be negative");
        require(outputTokens == null || outputTokens >= 0, "output tokens cannot be negative");
        require(costUsd == null || (costUsd.signum() >= 0 && costUsd.compareTo(COST_LIMIT) < 0), "cost out of range");
        payload = payload == null ? null : java.util.Collections.unmodifiableMap(payload);
    }

    /** Milliseconds from start to end (microsecond precision), or null while the span has not ended. */
    public Double durationMs() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt).toNanos() / 1_000_000.0;
    }

    /** The latest instant the span is known to cover: its end, or its start while it is still open. */
    public Instant lastKnownInstant() {
        return endedAt == null ? startedAt : endedAt;
    }

    public boolean failed() {
        return status == SpanStatus.ERROR;
    }

    /** The same span with its free text (name, payload, error) replaced, e.g. by their redacted versions. */
    public Span withContent(String newName, Map<String, Object> newPayload, String newError) {
        return new Span(id, traceId, parentId, conversationId, messageId, agentType, operationType, newName, status,
                startedAt, endedAt, inputTokens, outputTokens, costUsd, model, newPayload, newError);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
