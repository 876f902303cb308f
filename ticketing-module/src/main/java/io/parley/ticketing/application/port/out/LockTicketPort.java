package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.Ticket;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads a ticket to change it: the row stays locked until the current transaction ends, so
 * concurrent changes of one ticket happen one after the other.
 */
public interface LockTicketPort {

    Optional<Ticket> lockById(UUID ticketId);

    Optional<Ticket> lockByConversation(UUID conversationId);

    /**
     * The next ticket of the agent queue (highest priority, then oldest, waiting in
     * {@code PENDING_HUMAN_ASSIGNMENT}) that no other transaction holds: concurrent claimers skip
     * each other's rows instead of queueing behind them.
     */
    Optional<Ticket> lockNextInQueue();
}
