package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.application.port.in.GetHandoffUseCase.HandoffWithTicket;
import io.parley.ticketing.domain.Handoff;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The handoff object of the contract (as in the chat reply: the same {@code status}, derived from the ticket and
 * the delivery) with the delivery's details: {@code external_ticket_id}, {@code attempts},
 * {@code last_error}, and when the next attempt is due.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Handoff", description = "The delivery of a ticket to the configured helpdesk")
record HandoffResponse(
        @Schema(requiredMode = REQUIRED, description = "always true") boolean recommended,
        String reason,
        @Schema(requiredMode = REQUIRED, allowableValues = {"internal", "zendesk", "freshdesk", "email"}) String provider,
        UUID ticketId,
        @Schema(requiredMode = REQUIRED, example = "T-1042") String ticketNumber,
        @Schema(requiredMode = REQUIRED, allowableValues = {"pending", "created", "routed", "resolved", "failed"},
                description = "pending → created (a helpdesk accepted it) → routed (a person took it) → resolved (the ticket closed);"
                        + " failed when delivery gave up and nobody took the ticket") String status,
        @Nullable @Schema(requiredMode = REQUIRED, description = "the helpdesk's ticket id once it accepted the case") String externalTicketId,
        int attempts,
        @Nullable @Schema(requiredMode = REQUIRED, description = "the last failure, without response bodies or credentials") String lastError,
        @Nullable @Schema(requiredMode = REQUIRED, format = "date-time", description = "when the next delivery attempt is due") String nextAttemptAt,
        @Schema(requiredMode = REQUIRED, format = "date-time") String createdAt,
        @Schema(requiredMode = REQUIRED, format = "date-time") String updatedAt) {

    static HandoffResponse of(HandoffWithTicket found) {
        Handoff handoff = found.handoff();
        return new HandoffResponse(true, handoff.reason(), handoff.provider().wireValue(), handoff.ticketId(),
                found.ticket().number().toString(), found.status().wireValue(), handoff.externalTicketId(), handoff.attempts(),
                handoff.lastError(), Rfc3339.format(handoff.nextAttemptAt()), Rfc3339.format(handoff.createdAt()),
                Rfc3339.format(handoff.updatedAt()));
    }
}
