package io.parley.tracing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.JsonValues;
import io.parley.tracing.application.port.in.SpanInput;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code POST /api/v1/traces}: ids, enums and timestamps as text, validated with the span's index in the use case.
 * Members are {@code Object} and read strictly ({@link JsonValues}): bound straight to {@code String} and
 * {@code Long}, {@code "id": 123} would become the text "123" and {@code "input_tokens": "5"} or {@code 2.7} a
 * number the client never sent; API.md makes a value of the wrong type a 400 (naming {@code spans[i].field}).
 */
@Serdeable
record IngestSpansBody(@Nullable List<SpanBody> spans) {

    @Serdeable
    record SpanBody(@Nullable @Schema(type = "string", format = "uuid") Object id,
                    @Nullable @Schema(type = "string", format = "uuid") Object traceId,
                    @Nullable @Schema(type = "string", format = "uuid") Object parentId,
                    @Nullable @Schema(type = "string", format = "uuid") Object conversationId,
                    @Nullable @Schema(type = "string", format = "uuid") Object messageId,
                    @Nullable @Schema(type = "string") Object agentType, @Nullable @Schema(type = "string") Object operationType,
                    @Nullable @Schema(type = "string") Object name,
                    @Nullable @Schema(type = "string", allowableValues = {"ok", "error"}) Object status,
                    @Nullable @Schema(type = "string", format = "date-time") Object startedAt,
                    @Nullable @Schema(type = "string", format = "date-time") Object endedAt,
                    @Nullable @Schema(type = "integer", format = "int64") Object inputTokens,
                    @Nullable @Schema(type = "integer", format = "int64") Object outputTokens,
                    @Nullable @Schema(type = "number") Object costUsd, @Nullable @Schema(type = "string") Object model,
                    @Nullable Object payload, @Nullable @Schema(type = "string") Object error) {

        SpanInput input(int index) {
            String at = "spans[" + index + "].";
            Number cost = JsonValues.number(at + "cost_usd", costUsd);
            return new SpanInput(JsonValues.text(at + "id", id), JsonValues.text(at + "trace_id", traceId),
                    JsonValues.text(at + "parent_id", parentId), JsonValues.text(at + "conversation_id", conversationId),
                    JsonValues.text(at + "message_id", messageId), JsonValues.text(at + "agent_type", agentType),
                    JsonValues.text(at + "operation_type", operationType), JsonValues.text(at + "name", name),
                    JsonValues.text(at + "status", status), JsonValues.text(at + "started_at", startedAt),
                    JsonValues.text(at + "ended_at", endedAt), JsonValues.integer(at + "input_tokens", inputTokens),
                    JsonValues.integer(at + "output_tokens", outputTokens),
                    cost == null ? null : cost instanceof BigDecimal decimal ? decimal : new BigDecimal(cost.toString()),
                    JsonValues.text(at + "model", model), payload, JsonValues.text(at + "error", error));
        }
    }
}
