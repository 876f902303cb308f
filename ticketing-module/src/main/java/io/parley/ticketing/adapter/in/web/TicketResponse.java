package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.domain.Ticket;

import java.util.Map;
import java.util.UUID;

/** A ticket on the wire (API.md "Tickets and handoffs"); every member is always present, null when unset. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TicketResponse(
        UUID id,
        String number,
        UUID conversationId,
        UUID clientId,
        UUID assigneeId,
        String status,
        String priority,
        String description,
        String escalationReason,
        String initialSummary,
        Map<String, Object> metadata,
        long version,
        String openedAt,
        String assignedAt,
        String closedAt,
        String updatedAt) {

    static TicketResponse of(Ticket ticket) {
        return new TicketResponse(ticket.id(), ticket.number().toString(), ticket.conversationId(), ticket.clientId(),
                ticket.assigneeId(), ticket.status().wireValue(), ticket.priority().wireValue(), ticket.description(),
                ticket.escalationReason(), ticket.initialSummary(), ticket.metadata(), ticket.version(),
                Rfc3339.format(ticket.openedAt()), Rfc3339.format(ticket.assignedAt()), Rfc3339.format(ticket.closedAt()),
                Rfc3339.format(ticket.updatedAt()));
    }
}
