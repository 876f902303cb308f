package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads tickets and their history without locking them. */
public interface LoadTicketPort {

    Optional<Ticket> findById(UUID ticketId);

    Optional<Ticket> findByConversation(UUID conversationId);

    boolean existsForConversation(UUID conversationId);

    /**
     * Up to {@code limit} tickets, newest {@code opened_at} first (id breaks ties), strictly after the
     * keyset position ({@code afterOpenedAt}, {@code afterId}) when given.
     *
     * @param statuses empty = any status
     * @param assigneeId null = any assignee
     */
    List<Ticket> list(Set<TicketStatus> statuses, UUID assigneeId, Instant afterOpenedAt, UUID afterId, int limit);

    /** Every status change of the ticket, oldest first. */
    List<TicketEvent> history(UUID ticketId);
}
