package io.parley.ticketing.application.service;

import io.parley.kernel.ConflictException;
import io.parley.kernel.Ids;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.Outcome;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.ticketing.domain.TicketStatus;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Exactly one ticket per conversation without a check-then-insert race: the ticket is inserted with
 * ON CONFLICT DO NOTHING (concurrent callers wait on the unique key), then the row is locked and
 * moved if it is still the AI's, or reopened if it was closed. Every concurrent call sees the same
 * ticket; only the first to hold the lock moves it, the others find it in the queue already.
 */
@Singleton
public class EscalationService implements EscalateConversationUseCase {

    private final ConversationResolver conversations;
    private final LoadTicketPort loadTickets;
    private final LockTicketPort lockTickets;
    private final SaveTicketPort saveTickets;
    private final LoadHandoffPort handoffs;
    private final TicketChangeWriter changes;
    private final Clock clock;

    EscalationService(ConversationResolver conversations, LoadTicketPort loadTickets, LockTicketPort lockTickets,
                      SaveTicketPort saveTickets, LoadHandoffPort handoffs, TicketChangeWriter changes, Clock clock) {
        this.conversations = conversations;
        this.loadTickets = loadTickets;
        this.lockTickets = lockTickets;
        this.saveTickets = saveTickets;
        this.handoffs = handoffs;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Escalated escalate(EscalateCommand command) {
        ConversationResolver.Resolved resolved = conversations.owned(command.conversation(), command.caller());
        var conversation = resolved.view();
        String actor = resolved.caller().actorLabel();
        if (!conversation.isOpen()) {
            // a closed conversation gets no new escalation, but a repeat still answers with its ticket
            Ticket existing = loadTickets.findByConversation(conversation.id())
                    .filter(t -> t.status() != TicketStatus.OPEN_AI_HANDLING)
                    .orElseThrow(() -> new ConflictException("conversation is closed", Map.of("conversation_status", conversation.status())));
            return new Escalated(existing, handoffs.findByTicket(existing.id()), Outcome.UNCHANGED);
        }
        Instant now = Timestamps.now(clock);
        // a plain read spares the common repeat an insert and a ticket number; a race past it is settled by ON CONFLICT
        if (loadTickets.findByConversation(conversation.id()).isEmpty()) {
            Ticket.Change opened = Ticket.open(Ids.newId(clock), new TicketNumber(saveTickets.nextTicketNumber()), conversation.id(),
                    conversation.ownerId(), null, null, null, Ticket.Move.by(actor, null, now, Ids.newId(clock)));
            if (saveTickets.insertIfAbsent(opened.ticket())) {
                saveTickets.append(opened.event());
            }
        }
        Ticket ticket = lockTickets.lockByConversation(conversation.id())
                .orElseThrow(() -> new IllegalStateException("the conversation's ticket vanished while locked"));
        Ticket.Move move = Ticket.Move.by(actor, command.reason(), now, Ids.newId(clock));
        if (ticket.status() == TicketStatus.OPEN_AI_HANDLING) {
            Ticket.Change escalation = ticket.moveTo(TicketStatus.PENDING_HUMAN_ASSIGNMENT, move.withSummary(conversation.summary()));
            return new Escalated(escalation.ticket(), changes.store(ticket, escalation), Outcome.ESCALATED);
        }
        if (ticket.isClosed()) {
            // the customer asks for a person again: the same ticket goes back into the queue
            Ticket.Change reopen = ticket.reopen(move);
            return new Escalated(reopen.ticket(), changes.store(ticket, reopen), Outcome.REOPENED);
        }
        return new Escalated(ticket, handoffs.findByTicket(ticket.id()), Outcome.UNCHANGED);
    }
}
