package io.parley.ticketing.adapter.in.web;

import io.parley.conversation.api.TicketFeed;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.WatchTicketsUseCase;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/**
 * The ticket part of a conversation's live stream (the conversation module's {@link TicketFeed} port).
 * It lives with the controllers because what it hands over is the wire body, {@link TicketResponse},
 * the very JSON of {@code GET .../ticket}: one mapping, no copy to drift. Whoever may follow the
 * conversation may read its ticket, and every reader sees the same ticket.
 */
@Singleton
class ConversationTicketFeed implements TicketFeed {

    private final WatchTicketsUseCase tickets;

    ConversationTicketFeed(WatchTicketsUseCase tickets) {
        this.tickets = tickets;
    }

    @Override
    public long latestChange(UUID conversationId) {
        return tickets.conversationTicketChange(conversationId);
    }

    @Override
    public Optional<TicketChange> changedAfter(UUID conversationId, long afterChange, Caller viewer) {
        return tickets.conversationTicketAfter(conversationId, afterChange)
                .map(change -> new TicketChange(change.number(), change.ticket().updatedAt(), TicketResponse.of(change.ticket())));
    }
}
