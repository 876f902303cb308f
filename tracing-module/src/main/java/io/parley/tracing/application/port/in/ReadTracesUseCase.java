package io.parley.tracing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.tracing.domain.SpanTree;
import io.parley.tracing.domain.TraceTotals;

import java.util.List;
import java.util.UUID;

/**
 * What the agent did, as span trees with totals, for those who may read the conversation
 * (its owner, agents once it has a ticket, admins, the service). Anyone else, a missing or a
 * malformed id: {@link io.parley.kernel.NotFoundException}.
 */
public interface ReadTracesUseCase {

    TraceView forConversation(String conversationId, Caller caller);

    /**
     * The whole traces that touch the message (every span of a trace in which some span names the
     * message), so child spans that do not repeat the message id are shown too. A message without
     * spans is not found: the message→conversation link is only known from the spans.
     */
    TraceView forMessage(String messageId, Caller caller);

    /**
     * @param messageId the message asked for, null for a conversation's traces
     * @param totals    all trees together (their durations add up: the time the agent was busy)
     * @param truncated true when the spans were more than the read limit: the latest ones are missing
     */
    record TraceView(UUID conversationId, UUID messageId, List<SpanTree> trees, TraceTotals totals, boolean truncated) {
    }
}
