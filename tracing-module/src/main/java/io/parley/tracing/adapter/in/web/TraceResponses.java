package io.parley.tracing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.tracing.application.port.in.IngestSpansUseCase.IngestResult;
import io.parley.tracing.application.port.in.ReadTracesUseCase.TraceView;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanNode;
import io.parley.tracing.domain.SpanTree;
import io.parley.tracing.domain.TraceTotals;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Response bodies of the trace routes. Every member is always present (null when unknown), so clients need no guessing;
 * in the OpenAPI document every member is required (a {@code @Schema} without {@code requiredMode} would make it optional).
 */
final class TraceResponses {

    private TraceResponses() {
    }

    /** {@code 202}: how many spans were stored now, how many were already known, how many secrets were replaced. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TraceIngestResult", description = "How many spans were stored now, how many were already known (a duplicate keeps"
            + " the first version), how many secrets were replaced", example = "{\"accepted\": 4, \"duplicates\": 0, \"redactions\": 1}")
    record IngestResponse(int accepted, int duplicates, int redactions) {
        static IngestResponse of(IngestResult result) {
            return new IngestResponse(result.accepted(), result.duplicates(), result.redactions());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Traces", description = "The span trees of a conversation or of the traces touching a message")
    record TracesResponse(UUID conversationId,
                          @Nullable @Schema(requiredMode = REQUIRED, description = "the message asked for; null for a conversation's traces")
                          UUID messageId,
                          List<TreeResponse> trees, TotalsResponse totals,
                          @Schema(requiredMode = REQUIRED, description = "true when the latest spans are missing (at most 2000 are returned)")
                          boolean truncated) {
        static TracesResponse of(TraceView view) {
            return new TracesResponse(view.conversationId(), view.messageId(), view.trees().stream().map(TreeResponse::of).toList(),
                    TotalsResponse.of(view.totals()), view.truncated());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TraceTree")
    record TreeResponse(UUID traceId,
                        @Schema(requiredMode = REQUIRED, description = "the root names a parent that never arrived") boolean orphan,
                        TotalsResponse totals, SpanResponse root) {
        static TreeResponse of(SpanTree tree) {
            return new TreeResponse(tree.root().span().traceId(), tree.orphan(), TotalsResponse.of(tree.totals()), SpanResponse.of(tree.root()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TraceTotals")
    record TotalsResponse(int spans, double durationMs, long inputTokens, long outputTokens, BigDecimal costUsd, int errors) {
        static TotalsResponse of(TraceTotals totals) {
            return new TotalsResponse(totals.spans(), totals.durationMs(), totals.inputTokens(), totals.outputTokens(),
                    totals.costUsd(), totals.errors());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Span", description = "A span as stored (redacted), with its children")
    record SpanResponse(UUID id, UUID traceId, @Nullable @Schema(requiredMode = REQUIRED) UUID parentId, UUID conversationId,
                        @Nullable @Schema(requiredMode = REQUIRED) UUID messageId, String agentType,
                        @Schema(requiredMode = REQUIRED, allowableValues = {"llm_call", "tool_call", "retrieval", "guardrail", "handoff_decision",
                                "other"}) String operationType,
                        String name,
                        @Schema(requiredMode = REQUIRED, allowableValues = {"ok", "error"}) String status,
                        Instant startedAt, @Nullable @Schema(requiredMode = REQUIRED) Instant endedAt,
                        @Nullable @Schema(requiredMode = REQUIRED) Double durationMs,
                        @Nullable @Schema(requiredMode = REQUIRED) Integer inputTokens, @Nullable @Schema(requiredMode = REQUIRED) Integer outputTokens,
                        @Nullable @Schema(requiredMode = REQUIRED) BigDecimal costUsd, @Nullable @Schema(requiredMode = REQUIRED) String model,
                        @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties = TRUE) Map<String, Object> payload,
                        @Nullable @Schema(requiredMode = REQUIRED) String error,
                        List<SpanResponse> children) {
        static SpanResponse of(SpanNode node) {
            Span s = node.span();
            return new SpanResponse(s.id(), s.traceId(), s.parentId(), s.conversationId(), s.messageId(), s.agentType(),
                    s.operationType().wireValue(), s.name(), s.status().wireValue(), s.startedAt(), s.endedAt(), s.durationMs(),
                    s.inputTokens(), s.outputTokens(), s.costUsd(), s.model(), s.payload(), s.error(),
                    node.children().stream().map(SpanResponse::of).toList());
        }
    }
}
