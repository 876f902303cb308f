package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Turns a {@link ConversationLookup} into the conversation the caller may act on, by the conversation
 * module's own isolation rules. A guest reference acts as the guest holding that session, whoever
 * calls: the session id is the capability.
 */
@Singleton
class ConversationResolver {

    private final ConversationDirectory directory;

    ConversationResolver(ConversationDirectory directory) {
        this.directory = directory;
    }

    /** The customer side (owner or guest), or an admin/service acting on any conversation. */
    Resolved owned(ConversationLookup ref, Caller caller) {
        if (ref.isSession()) {
            Caller guest = Caller.guest(ref.sessionId());
            return new Resolved(directory.requireOwnedBy(sessionConversation(ref), guest), guest);
        }
        return new Resolved(directory.requireOwnedBy(ref.id(), caller), caller);
    }

    /** Anyone who may read the conversation (its customer, admins, services, agents once it has a ticket). */
    Resolved readable(ConversationLookup ref, Caller caller) {
        if (ref.isSession()) {
            Caller guest = Caller.guest(ref.sessionId());
            return new Resolved(directory.requireReadable(sessionConversation(ref), guest), guest);
        }
        return new Resolved(directory.requireReadable(ref.id(), caller), caller);
    }

    /** Whether {@code caller} is the customer side of the conversation (or acts on any). */
    boolean ownedBy(UUID conversationId, Caller caller) {
        try {
            directory.requireOwnedBy(conversationId, caller);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    String summaryOf(UUID conversationId) {
        return directory.find(conversationId).map(ConversationView::summary).orElse(null);
    }

    private UUID sessionConversation(ConversationLookup ref) {
        return directory.findBySession(ref.sessionId()).map(ConversationView::id)
                .orElseThrow(() -> new NotFoundException("conversation"));
    }

    /** The conversation and the caller acting on it (the guest, for a session reference). */
    record Resolved(ConversationView view, Caller caller) {
    }
}
