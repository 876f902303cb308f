package io.parley.ticketing.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Moves a ticket on request. Who may ask: agents and admins any move; the AI service only while the
 * ticket is still its own ({@code OPEN_AI_HANDLING}); the customer only {@code CLOSED_BY_CLIENT} on
 * their own ticket (someone else's is a 404). The status machine itself lives in the domain.
 */
@Singleton
public class TransitionTicketService implements TransitionTicketUseCase {

    private final LockTicketPort lockTickets;
    private final ConversationResolver conversations;
    private final UserDirectory users;
    private final TicketChangeWriter changes;
    private final Clock clock;

    TransitionTicketService(LockTicketPort lockTickets, ConversationResolver conversations, UserDirectory users,
                            TicketChangeWriter changes, Clock clock) {
        this.lockTickets = lockTickets;
        this.conversations = conversations;
        this.users = users;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Ticket transition(TransitionCommand command) {
        Caller caller = command.caller();
        Ticket ticket = lockTickets.lockById(command.ticketId()).orElseThrow(() -> new NotFoundException("ticket"));
        authorize(ticket, command);
        ticket.requireVersion(command.expectedVersion());
        Ticket.Move move = Ticket.Move.by(caller.actorLabel(), command.reason(), Timestamps.now(clock), Ids.newId(clock));
        if (command.to() == TicketStatus.ACTIVE_HUMAN_CHAT && ticket.status().canMoveTo(TicketStatus.ACTIVE_HUMAN_CHAT)) {
            move = move.assigning(command.assigneeId() != null ? command.assigneeId() : users.ensureUser(caller));
        }
        if (ticket.status() == TicketStatus.OPEN_AI_HANDLING && command.to() == TicketStatus.PENDING_HUMAN_ASSIGNMENT
                && ticket.conversationId() != null) {
            move = move.withSummary(conversations.summaryOf(ticket.conversationId()));
        }
        Ticket.Change change = ticket.moveTo(command.to(), move);
        changes.store(ticket, change);
        return change.ticket();
    }

    private void authorize(Ticket ticket, TransitionCommand command) {
        Caller caller = command.caller();
        if (Roles.isStaff(caller)) {
            return;
        }
        if (Roles.isService(caller)) {
            if (ticket.status() != TicketStatus.OPEN_AI_HANDLING) {
                throw new ForbiddenException("The AI agent service may only move a ticket it still handles (OPEN_AI_HANDLING).");
            }
            return;
        }
        if (ticket.conversationId() == null || !conversations.ownedBy(ticket.conversationId(), caller)) {
            throw new NotFoundException("ticket");
        }
        if (command.to() != TicketStatus.CLOSED_BY_CLIENT) {
            throw new ForbiddenException("A customer may only close their ticket (CLOSED_BY_CLIENT).");
        }
    }
}
