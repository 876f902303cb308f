package io.parley.ticketing.application.service;

import io.parley.ticketing.application.port.in.CheckTicketPresenceUseCase;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.util.UUID;

@Singleton
public class TicketPresenceService implements CheckTicketPresenceUseCase {

    private final LoadTicketPort tickets;

    TicketPresenceService(LoadTicketPort tickets) {
        this.tickets = tickets;
    }

    @Override
    @Transactional
    public boolean conversationHasTicket(UUID conversationId) {
        return tickets.existsForConversation(conversationId);
    }
}
