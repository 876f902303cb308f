package io.parley.ticketing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.ticketing.application.port.in.FindAnswererUseCase;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Ticket;
import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the conversation's ticket (one indexed lookup on its unique conversation key) and, only when
 * people hold it, its handoff.
 *
 * <p>Runs in the caller's transaction (the chat turn's), and plain reads are enough there: no
 * {@code FOR SHARE}. This read never creates or moves a ticket, so it cannot break the one-ticket
 * rule; that rule is kept where tickets are written (the unique key, {@code ON CONFLICT DO NOTHING}
 * and the {@code FOR UPDATE} of the escalation). A share lock would only make the customer's turn wait
 * for an agent's move in flight (and keep agents waiting until the turn commits) to learn what it
 * learns a moment later anyway: under READ COMMITTED the turn sees the last committed ticket, exactly
 * as if it had arrived just before the concurrent move.
 */
@Singleton
public class FindAnswererService implements FindAnswererUseCase {

    private final LoadTicketPort tickets;
    private final LoadHandoffPort handoffs;

    FindAnswererService(LoadTicketPort tickets, LoadHandoffPort handoffs) {
        this.tickets = tickets;
        this.handoffs = handoffs;
    }

    @Override
    @Transactional
    public Answerer answererOf(UUID conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        Optional<Ticket> ticket = tickets.findByConversation(conversationId);
        if (ticket.isEmpty() || !ticket.get().status().isWithPeople()) {
            return Assistant.INSTANCE;
        }
        return new People(ticket.get(), handoffs.findByTicket(ticket.get().id()));
    }
}
