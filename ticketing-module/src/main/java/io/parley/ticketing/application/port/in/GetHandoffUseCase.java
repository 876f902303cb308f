package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.TicketNumber;

/** The handoff of a conversation the caller may read (with its ticket's number, as clients show it). */
public interface GetHandoffUseCase {

    HandoffWithTicket forConversation(ConversationLookup conversation, Caller caller);

    record HandoffWithTicket(Handoff handoff, TicketNumber ticketNumber) {
    }
}
