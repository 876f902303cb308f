package io.parley.conversation.application.service;

import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.ConversationScope;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds the conversation a request names, scoped to the caller in the query and checked again
 * with {@link ConversationAccess}, so every use case hides what the caller may not read behind the
 * same 404 as a missing conversation. One bean, injected into every use case that names a conversation.
 */
@Singleton
final class ConversationGuard {

    private final LoadConversationPort conversations;
    private final Optional<TicketPresence> ticketPresence;

    /** @param ticketPresence empty when no ticketing module is deployed: then no conversation has a ticket */
    ConversationGuard(LoadConversationPort conversations, Optional<TicketPresence> ticketPresence) {
        this.conversations = conversations;
        this.ticketPresence = ticketPresence;
    }

    /** The conversation and the caller as it acts on it: on a session route the caller holds that session. */
    record Readable(Conversation conversation, Caller caller) {
    }

    Readable requireReadable(ConversationRef ref, Caller caller) {
        Caller acting = actingCaller(ref, caller);
        Conversation conversation = find(ref, ConversationScope.of(acting)).orElseThrow(ConversationGuard::notFound);
        boolean hasTicket = ConversationAccess.needsTicketToRead(conversation, acting) && hasTicket(conversation);
        if (!ConversationAccess.mayRead(conversation, acting, hasTicket)) {
            throw notFound();
        }
        return new Readable(conversation, acting);
    }

    /** The conversation as it is now, without a caller (after a write, or for system lookups). */
    Optional<Conversation> reload(Conversation conversation) {
        return conversations.load(conversation.id(), ConversationScope.SYSTEM);
    }

    Conversation reloadOrNotFound(Conversation conversation) {
        return reloadOrNotFound(conversation.id());
    }

    /** The conversation as it is now, for a caller who may see every conversation; 404 when there is none. */
    Conversation reloadOrNotFound(UUID conversationId) {
        return conversations.load(conversationId, ConversationScope.SYSTEM).orElseThrow(ConversationGuard::notFound);
    }

    static NotFoundException notFound() {
        return new NotFoundException("conversation");
    }

    private Optional<Conversation> find(ConversationRef ref, ConversationScope scope) {
        if (ref instanceof ConversationRef.BySession bySession) {
            return conversations.loadBySession(bySession.sessionId(), scope);
        }
        return conversations.load(((ConversationRef.ById) ref).id(), scope);
    }

    private boolean hasTicket(Conversation conversation) {
        return ticketPresence.map(presence -> presence.hasTicket(conversation.id())).orElse(false);
    }

    private static Caller actingCaller(ConversationRef ref, Caller caller) {
        if (!(ref instanceof ConversationRef.BySession bySession)) {
            return caller;
        }
        return caller.isAuthenticated()
                ? new Caller(caller.subject(), caller.roles(), caller.email(), caller.name(), bySession.sessionId())
                : Caller.guest(bySession.sessionId());
    }
}
