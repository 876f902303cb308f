package io.parley.tracing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;
import io.parley.tracing.application.port.in.ReadTracesUseCase;
import io.parley.tracing.application.port.out.LoadSpansPort;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanForest;
import io.parley.tracing.domain.SpanTree;
import io.parley.tracing.domain.TraceTotals;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads spans of a conversation or a message, after the conversation module's read rule allowed it. */
@Singleton
@Transactional(readOnly = true)
public class TraceReadingService implements ReadTracesUseCase {

    private final LoadSpansPort spans;
    private final ConversationDirectory conversations;
    private final int maxSpans;

    public TraceReadingService(LoadSpansPort spans, ConversationDirectory conversations, TraceReadSettings settings) {
        this.spans = spans;
        this.conversations = conversations;
        this.maxSpans = settings.getMaxSpans();
    }

    @Override
    public TraceView forConversation(String rawConversationId, Caller caller) {
        UUID conversationId = Ids.parseOrNotFound(rawConversationId, "conversation");
        conversations.requireReadable(conversationId, caller);
        return view(conversationId, null, spans.byConversation(conversationId, maxSpans + 1));
    }

    @Override
    public TraceView forMessage(String rawMessageId, Caller caller) {
        UUID messageId = Ids.parseOrNotFound(rawMessageId, "message");
        // sorted: UUIDv7 ids put the oldest conversation first, should spans ever name the message from two
        Set<UUID> readable = spans.conversationsOfMessage(messageId).stream()
                .filter(conversationId -> mayRead(conversationId, caller))
                .collect(Collectors.toCollection(TreeSet::new));
        if (readable.isEmpty()) {
            throw new NotFoundException("message");
        }
        return view(readable.iterator().next(), messageId, spans.tracesOfMessage(messageId, readable, maxSpans + 1));
    }

    private boolean mayRead(UUID conversationId, Caller caller) {
        try {
            conversations.requireReadable(conversationId, caller);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private TraceView view(UUID conversationId, UUID messageId, List<Span> loaded) {
        boolean truncated = loaded.size() > maxSpans;
        List<SpanTree> trees = SpanForest.assemble(truncated ? loaded.subList(0, maxSpans) : loaded);
        TraceTotals totals = trees.stream().map(SpanTree::totals).reduce(TraceTotals.NONE, TraceTotals::plus);
        return new TraceView(conversationId, messageId, trees, totals, truncated);
    }
}
