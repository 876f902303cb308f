package io.parley.tracing.application.port.out;

import io.parley.tracing.domain.Span;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads stored spans, oldest start first (then id). */
public interface LoadSpansPort {

    /** The conversation's spans, at most {@code limit}. */
    List<Span> byConversation(UUID conversationId, int limit);

    /** The conversations of the spans that name this message (normally one; none when no span names it). */
    Set<UUID> conversationsOfMessage(UUID messageId);

    /**
     * Every span, in the given conversations, of the traces in which some span names the message;
     * at most {@code limit}.
     */
    List<Span> tracesOfMessage(UUID messageId, Collection<UUID> conversationIds, int limit);
}
