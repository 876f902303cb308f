package io.parley.ticketing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One status change of a ticket, for its history. {@code from} is null for the event that opened the
 * ticket. {@code ticketVersion} is the version the move gave the ticket: it orders a ticket's events
 * even when several share a timestamp.
 */
public record TicketEvent(UUID id, UUID ticketId, TicketStatus from, TicketStatus to, String actor, String reason,
                          Instant at, long ticketVersion) {

    public TicketEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
