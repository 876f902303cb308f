package io.parley.tracing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** {@code POST /api/v1/traces}: ids, enums and timestamps as text, validated with the span's index in the use case. */
@Serdeable
record IngestSpansBody(@Nullable List<SpanBody> spans) {

    @Serdeable
    record SpanBody(@Nullable String id, @Nullable String traceId, @Nullable String parentId, @Nullable String conversationId,
                    @Nullable String messageId, @Nullable String agentType, @Nullable String operationType, @Nullable String name,
                    @Nullable String status, @Nullable String startedAt, @Nullable String endedAt,
                    @Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable BigDecimal costUsd, @Nullable String model,
                    @Nullable Object payload, @Nullable String error) {
    }
}
