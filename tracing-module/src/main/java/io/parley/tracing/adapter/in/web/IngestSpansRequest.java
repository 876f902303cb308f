package io.parley.tracing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.JsonValues;
import io.parley.tracing.application.port.in.SpanInput;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * {@code POST /api/v1/traces}: ids, enums and timestamps as text, validated with the span's index in the use case.
 * Members are {@code Object} and read strictly ({@link JsonValues}): bound straight to {@code String} and
 * {@code Long}, {@code "id": 123} would become the text "123" and {@code "input_tokens": "5"} or {@code 2.7} a
 * number the client never sent; docs/api.md makes a value of the wrong type a 400 (naming {@code spans[i].field}).
 * The OpenAPI schema says what a client sends (required members, types, enums), not how it is read.
 */
@Serdeable
@Schema(name = "TraceBatch", description = "1..500 spans, all or nothing: one broken span refuses the whole batch, every error named"
        + " by index (spans[3].operation_type)", example = IngestSpansRequest.EXAMPLE)
record IngestSpansRequest(@Nullable @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = REQUIRED, nullable = false))
                          List<SpanRequest> spans) {

    static final String EXAMPLE = """
            {"spans": [
              {"id": "01a20894-9000-7000-8000-000000000001", "trace_id": "01a20894-9000-7000-8000-0000000000aa",
               "parent_id": null, "conversation_id": "01a20894-7a6e-71a5-bdbf-fb585593601e",
               "message_id": "01a20894-7abb-7796-b017-dccc2f9791d7", "agent_type": "support-bot", "operation_type": "llm_call",
               "name": "answer", "status": "ok", "started_at": "2026-11-23T13:24:38.150Z", "ended_at": "2026-11-23T13:24:38.962Z",
               "input_tokens": 120, "output_tokens": 80, "cost_usd": 0.0021, "model": "gpt-4o-mini",
               "payload": {"temperature": 0.2}, "error": null}]}""";

    @Serdeable
    @Schema(name = "SpanInput", description = "One span; a span id seen before is a duplicate, not an error")
    record SpanRequest(@Nullable @Schema(type = "string", format = "uuid", requiredMode = REQUIRED, nullable = false) Object id,
                       @Nullable @Schema(type = "string", format = "uuid", requiredMode = REQUIRED, nullable = false) Object traceId,
                       @Nullable @Schema(type = "string", format = "uuid",
                               description = "not the span's own id; the parent may arrive in a later batch") Object parentId,
                       @Nullable @Schema(type = "string", format = "uuid", requiredMode = REQUIRED, nullable = false,
                               description = "an existing conversation") Object conversationId,
                       @Nullable @Schema(type = "string", format = "uuid", description = "an existing message") Object messageId,
                       @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1, maxLength = 100) Object agentType,
                       @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, allowableValues = {"llm_call", "tool_call",
                               "retrieval", "guardrail", "handoff_decision", "other"}) Object operationType,
                       @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1, maxLength = 200,
                               description = "redacted") Object name,
                       @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, allowableValues = {"ok", "error"}) Object status,
                       @Nullable @Schema(type = "string", format = "date-time", requiredMode = REQUIRED, nullable = false,
                               description = "RFC 3339 with an offset (kept to the microsecond)") Object startedAt,
                       @Nullable @Schema(type = "string", format = "date-time", description = "not before started_at") Object endedAt,
                       @Nullable @Schema(type = "integer", format = "int32", minimum = "0") Object inputTokens,
                       @Nullable @Schema(type = "integer", format = "int32", minimum = "0") Object outputTokens,
                       @Nullable @Schema(type = "number", minimum = "0", exclusiveMaximum = true, maximum = "100000000",
                               description = "rounded to 6 decimals") Object costUsd,
                       @Nullable @Schema(type = "string", minLength = 1, maxLength = 200) Object model,
                       @Nullable @Schema(type = "object", description = "at most 64 KiB as stored JSON (redacted)") Object payload,
                       @Nullable @Schema(type = "string", minLength = 1, maxLength = 4000, description = "redacted") Object error) {

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
