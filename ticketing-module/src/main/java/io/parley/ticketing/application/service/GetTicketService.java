package io.parley.ticketing.application.service;

import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

@Singleton
public class GetTicketService implements GetTicketUseCase {

    private final LoadTicketPort loadTickets;
    private final ConversationResolver conversations;

    GetTicketService(LoadTicketPort loadTickets, ConversationResolver conversations) {
        this.loadTickets = loadTickets;
        this.conversations = conversations;
    }

    @Override
    @Transactional
    public Ticket byId(UUID ticketId, Caller caller) {
        return readable(ticketId, caller);
    }

    @Override
    @Transactional
    public Ticket forConversation(ConversationLookup conversation, Caller caller) {
        var view = conversations.readable(conversation, caller).view();
        return loadTickets.findByConversation(view.id()).orElseThrow(() -> new NotFoundException("ticket"));
    }

    @Override
    @Transactional
    public List<TicketEvent> history(UUID ticketId, Caller caller) {
        return loadTickets.history(readable(ticketId, caller).id());
    }

    /** Staff and the AI service read any ticket; a customer only the ticket of their own conversation. */
    private Ticket readable(UUID ticketId, Caller caller) {
        Ticket ticket = loadTickets.findById(ticketId).orElseThrow(() -> new NotFoundException("ticket"));
        if (Roles.isStaff(caller) || Roles.isService(caller)) {
            return ticket;
        }
        if (ticket.conversationId() == null || !conversations.ownedBy(ticket.conversationId(), caller)) {
            throw new NotFoundException("ticket");
        }
        return ticket;
    }
}
