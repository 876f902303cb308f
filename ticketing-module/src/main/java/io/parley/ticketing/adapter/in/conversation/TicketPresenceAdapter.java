package io.parley.ticketing.adapter.in.conversation;

import io.parley.conversation.api.TicketPresence;
import io.parley.ticketing.application.port.in.CheckTicketPresenceUseCase;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Agents may read a conversation once it has a ticket (open or closed): the conversation module asks here. */
@Singleton
class TicketPresenceAdapter implements TicketPresence {

    private final CheckTicketPresenceUseCase tickets;

    TicketPresenceAdapter(CheckTicketPresenceUseCase tickets) {
        this.tickets = tickets;
    }

    @Override
    public boolean hasTicket(UUID conversationId) {
        return tickets.conversationHasTicket(conversationId);
    }
}
