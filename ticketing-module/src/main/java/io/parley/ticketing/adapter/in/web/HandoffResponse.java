package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.application.port.in.GetHandoffUseCase.HandoffWithTicket;
import io.parley.ticketing.domain.Handoff;

import java.util.UUID;

/**
 * The handoff object of the contract (as in the chat reply: the same {@code status}, derived from the ticket and
 * the delivery) with the delivery's details: {@code external_ticket_id}, {@code attempts},
 * {@code last_error}, and when the next attempt is due.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record HandoffResponse(
        boolean recommended,
        String reason,
        String provider,
        UUID ticketId,
        String ticketNumber,
        String status,
        String externalTicketId,
        int attempts,
        String lastError,
        String nextAttemptAt,
        String createdAt,
        String updatedAt) {

    static HandoffResponse of(HandoffWithTicket found) {
        Handoff handoff = found.handoff();
        return new HandoffResponse(true, handoff.reason(), handoff.provider().wireValue(), handoff.ticketId(),
                found.ticket().number().toString(), found.status().wireValue(), handoff.externalTicketId(), handoff.attempts(),
                handoff.lastError(), Rfc3339.format(handoff.nextAttemptAt()), Rfc3339.format(handoff.createdAt()),
                Rfc3339.format(handoff.updatedAt()));
    }
}
