package io.parley.tracing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.tracing.application.port.in.IngestSpansUseCase.IngestResult;
import io.parley.tracing.application.port.in.ReadTracesUseCase.TraceView;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanNode;
import io.parley.tracing.domain.SpanTree;
import io.parley.tracing.domain.TraceTotals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the trace routes. Every member is always present (null when unknown), so clients need no guessing. */
final class TraceReplies {

    private TraceReplies() {
    }

    /** {@code 202}: how many spans were stored now, how many were already known, how many secrets were replaced. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record IngestReply(int accepted, int duplicates, int redactions) {
        static IngestReply of(IngestResult result) {
            return new IngestReply(result.accepted(), result.duplicates(), result.redactions());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TracesReply(UUID conversationId, UUID messageId, List<TreeReply> trees, TotalsReply totals, boolean truncated) {
        static TracesReply of(TraceView view) {
            return new TracesReply(view.conversationId(), view.messageId(), view.trees().stream().map(TreeReply::of).toList(),
                    TotalsReply.of(view.totals()), view.truncated());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TreeReply(UUID traceId, boolean orphan, TotalsReply totals, SpanReply root) {
        static TreeReply of(SpanTree tree) {
            return new TreeReply(tree.root().span().traceId(), tree.orphan(), TotalsReply.of(tree.totals()), SpanReply.of(tree.root()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TotalsReply(int spans, double durationMs, long inputTokens, long outputTokens, BigDecimal costUsd, int errors) {
        static TotalsReply of(TraceTotals totals) {
            return new TotalsReply(totals.spans(), totals.durationMs(), totals.inputTokens(), totals.outputTokens(),
                    totals.costUsd(), totals.errors());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SpanReply(UUID id, UUID traceId, UUID parentId, UUID conversationId, UUID messageId, String agentType,
                     String operationType, String name, String status, Instant startedAt, Instant endedAt, Double durationMs,
                     Integer inputTokens, Integer outputTokens, BigDecimal costUsd, String model, Map<String, Object> payload,
                     String error, List<SpanReply> children) {
        static SpanReply of(SpanNode node) {
            Span s = node.span();
            return new SpanReply(s.id(), s.traceId(), s.parentId(), s.conversationId(), s.messageId(), s.agentType(),
                    s.operationType().wireValue(), s.name(), s.status().wireValue(), s.startedAt(), s.endedAt(), s.durationMs(),
                    s.inputTokens(), s.outputTokens(), s.costUsd(), s.model(), s.payload(), s.error(),
                    node.children().stream().map(SpanReply::of).toList());
        }
    }
}
