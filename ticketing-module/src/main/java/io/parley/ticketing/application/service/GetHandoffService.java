package io.parley.ticketing.application.service;

import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.GetHandoffUseCase;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.Ticket;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

@Singleton
public class GetHandoffService implements GetHandoffUseCase {

    private final ConversationResolver conversations;
    private final LoadHandoffPort handoffs;
    private final LoadTicketPort tickets;

    GetHandoffService(ConversationResolver conversations, LoadHandoffPort handoffs, LoadTicketPort tickets) {
        this.conversations = conversations;
        this.handoffs = handoffs;
        this.tickets = tickets;
    }

    @Override
    @Transactional
    public HandoffWithTicket forConversation(ConversationLookup conversation, Caller caller) {
        var view = conversations.readable(conversation, caller).view();
        Handoff handoff = handoffs.findByConversation(view.id()).orElseThrow(() -> new NotFoundException("handoff"));
        Ticket ticket = tickets.findById(handoff.ticketId()).orElseThrow(() -> new NotFoundException("handoff"));
        return new HandoffWithTicket(handoff, ticket);
    }
}
