package io.parley.tracing.adapter.in.conversation;

import io.parley.conversation.api.AssistantTraceSink;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import io.parley.tracing.application.port.in.IngestSpansUseCase;
import io.parley.tracing.application.port.in.SpanInput;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The conversation module's {@link AssistantTraceSink}: the chat turn records what the assistant did
 * in-process, through the same use case (validation, redaction, idempotency) as {@code POST /api/v1/traces}.
 * The in-process assistant acts as the service. Runs in the caller's transaction when there is one.
 */
@Singleton
class AssistantTraceSinkAdapter implements AssistantTraceSink {

    /** The in-process assistant: it writes traces as the AI agent backend does over HTTP. */
    static final Caller ASSISTANT = Caller.authenticated("parley-assistant", Set.of(Role.SERVICE), null, null);

    private final IngestSpansUseCase ingestion;

    AssistantTraceSinkAdapter(IngestSpansUseCase ingestion) {
        this.ingestion = ingestion;
    }

    /**
     * Records the spans; nothing to record is not an error.
     *
     * @throws io.parley.kernel.RuleViolationException naming every broken rule, like the HTTP route
     */
    @Override
    public void record(List<Span> spans) {
        if (spans == null || spans.isEmpty()) {
            return;
        }
        ingestion.ingest(IngestSpansCommand.of(spans.stream().map(AssistantTraceSinkAdapter::input).toList()), ASSISTANT);
    }

    private static SpanInput input(Span span) {
        if (span == null) {
            return null;
        }
        return new SpanInput(text(span.id()), text(span.traceId()), text(span.parentId()), text(span.conversationId()),
                text(span.messageId()), span.agentType(), span.operationType(), span.name(), span.status(),
                text(span.startedAt()), text(span.endedAt()),
                span.inputTokens() == null ? null : span.inputTokens().longValue(),
                span.outputTokens() == null ? null : span.outputTokens().longValue(),
                span.costUsd(), span.model(), span.payload(), span.error());
    }

    private static String text(Object value) {
        return Objects.toString(value, null);
    }
}
