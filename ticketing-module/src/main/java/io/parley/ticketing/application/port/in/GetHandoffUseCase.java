package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.Ticket;

/** The handoff of a conversation the caller may read (with its ticket's number, as clients show it). */
public interface GetHandoffUseCase {

    HandoffWithTicket forConversation(ConversationLookup conversation, Caller caller);

    record HandoffWithTicket(Handoff handoff, Ticket ticket) {

        /** The status clients see: where the ticket and the delivery stand together. */
        public HandoffStatus status() {
            return HandoffStatus.of(ticket.status(), handoff.delivery());
        }
    }
}
