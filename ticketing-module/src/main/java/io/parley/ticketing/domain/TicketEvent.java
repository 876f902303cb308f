package io.parley.ticketing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One status change of a ticket, for its history. {@code from} is null for the event that opened the
 * ticket. The events of one ticket have strictly increasing {@code at} (see {@link Ticket}), so their
 * time is their order.
 */
public record TicketEvent(UUID id, UUID ticketId, TicketStatus from, TicketStatus to, String actor, String reason, Instant at) {

    public TicketEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
