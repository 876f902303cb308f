package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;

import java.util.List;
import java.util.UUID;

/**
 * Reads tickets. Agents, admins and the AI service read any; a customer reads only the ticket of
 * their own conversation. Anything else is a 404, exactly as a missing ticket.
 */
public interface GetTicketUseCase {

    Ticket byId(UUID ticketId, Caller caller);

    /** The ticket of a conversation the caller may read. */
    Ticket forConversation(ConversationLookup conversation, Caller caller);

    /** Every status change of the ticket, oldest first. */
    List<TicketEvent> history(UUID ticketId, Caller caller);
}
