package io.parley.ticketing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.Timestamps;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * In this order: the conversation must be the caller's (404 otherwise, as for a missing one), the
 * move must be the customer's one move (403), the conversation must have a ticket (404); the status
 * machine then refuses to close a closed ticket (409). Closing settles the handoff like any close.
 */
@Singleton
public class TransitionOwnTicketService implements TransitionOwnTicketUseCase {

    /** What a customer may do to their own ticket. */
    static final TicketStatus CUSTOMER_MOVE = TicketStatus.CLOSED_BY_CLIENT;

    private final ConversationResolver conversations;
    private final LockTicketPort lockTickets;
    private final TicketChangeWriter changes;
    private final Clock clock;

    TransitionOwnTicketService(ConversationResolver conversations, LockTicketPort lockTickets, TicketChangeWriter changes, Clock clock) {
        this.conversations = conversations;
        this.lockTickets = lockTickets;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Ticket transition(OwnTransitionCommand command) {
        ConversationResolver.Resolved resolved = conversations.owned(command.conversation(), command.caller());
        if (command.to() != CUSTOMER_MOVE) {
            throw new ForbiddenException("A customer may only close their ticket (CLOSED_BY_CLIENT).");
        }
        Ticket ticket = lockTickets.lockByConversation(resolved.view().id()).orElseThrow(() -> new NotFoundException("ticket"));
        Ticket.Change change = ticket.moveTo(CUSTOMER_MOVE,
                Ticket.Move.by(resolved.caller().actorLabel(), command.reason(), Timestamps.now(clock), Ids.newId(clock)));
        changes.store(ticket, change);
        return change.ticket();
    }
}
