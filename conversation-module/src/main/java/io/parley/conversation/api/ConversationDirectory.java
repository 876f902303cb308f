package io.parley.conversation.api;

import io.parley.kernel.Caller;

import java.util.Optional;
import java.util.UUID;

/**
 * In-process lookup of conversations for other modules. Isolation is the conversation module's
 * rule, applied here so other modules never re-implement it.
 */
public interface ConversationDirectory {

    /**
     * The conversation if {@code caller} may read it: its owner, the guest holding its session,
     * an admin, a service, or an agent when the conversation has a ticket. Otherwise (or when it
     * does not exist) a {@link io.parley.kernel.NotFoundException}.
     */
    ConversationView requireReadable(UUID conversationId, Caller caller);

    /**
     * The conversation if {@code caller} speaks for its customer: the owner or the guest holding
     * its session (and admins and services, who act on any). Otherwise NotFound.
     */
    ConversationView requireOwnedBy(UUID conversationId, Caller caller);

    /** System access without a caller, for background jobs (outbox dispatch, retention). */
    Optional<ConversationView> find(UUID conversationId);

    /** The conversation a guest session id names, if any. */
    Optional<ConversationView> findBySession(String sessionId);

    /** The whole conversation as plain text (header and every message), e.g. the first comment of a helpdesk ticket. */
    String plainTextTranscript(UUID conversationId);
}
