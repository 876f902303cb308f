package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.domain.Ticket;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A ticket on the wire (docs/api.md "Tickets and handoffs"); every member is always present, null when unset.
 * In the OpenAPI document every member is required (a {@code @Schema} without {@code requiredMode} would make it optional).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Ticket", description = "A conversation's one ticket", example = TicketResponse.EXAMPLE)
record TicketResponse(
        UUID id,
        @Schema(requiredMode = REQUIRED, description = "human-readable", example = "T-1042") String number,
        @Nullable @Schema(requiredMode = REQUIRED, description = "null once the conversation was erased") UUID conversationId,
        @Nullable @Schema(requiredMode = REQUIRED, description = "the customer's user id; null for a guest") UUID clientId,
        @Nullable @Schema(requiredMode = REQUIRED, description = "the agent's user id") UUID assigneeId,
        @Schema(requiredMode = REQUIRED, allowableValues = {"OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT", "ACTIVE_HUMAN_CHAT",
                "CLOSED_RESOLVED", "CLOSED_BY_CLIENT"}) String status,
        @Schema(requiredMode = REQUIRED, allowableValues = {"low", "normal", "high", "urgent"}) String priority,
        @Nullable @Schema(requiredMode = REQUIRED) String description,
        @Nullable @Schema(requiredMode = REQUIRED) String escalationReason,
        @Nullable @Schema(requiredMode = REQUIRED, description = "the conversation's summary when it was escalated") String initialSummary,
        @Schema(requiredMode = REQUIRED, type = "object", additionalProperties = TRUE) Map<String, Object> metadata,
        @Schema(requiredMode = REQUIRED, description = "counts changes (optimistic locking)") long version,
        @Schema(requiredMode = REQUIRED, format = "date-time") String openedAt,
        @Nullable @Schema(requiredMode = REQUIRED, format = "date-time") String assignedAt,
        @Nullable @Schema(requiredMode = REQUIRED, format = "date-time") String closedAt,
        @Schema(requiredMode = REQUIRED, format = "date-time") String updatedAt) {

    static final String EXAMPLE = """
            {"id": "01a20894-7be1-7ebe-9b45-f6f9e13bdbd7", "number": "T-1000",
             "conversation_id": "01a20894-7a6e-71a5-bdbf-fb585593601e", "client_id": null,
             "assignee_id": "01a20894-8066-7067-b8ad-3c911242d454", "status": "ACTIVE_HUMAN_CHAT", "priority": "normal",
             "description": null, "escalation_reason": "The customer asked to talk to a person.",
             "initial_summary": "How do I reset my password?", "metadata": {}, "version": 2,
             "opened_at": "2026-11-23T13:24:38.401Z", "assigned_at": "2026-11-23T13:25:02.118Z", "closed_at": null,
             "updated_at": "2026-11-23T13:25:02.118Z"}""";

    static TicketResponse of(Ticket ticket) {
        return new TicketResponse(ticket.id(), ticket.number().toString(), ticket.conversationId(), ticket.clientId(),
                ticket.assigneeId(), ticket.status().wireValue(), ticket.priority().wireValue(), ticket.description(),
                ticket.escalationReason(), ticket.initialSummary(), ticket.metadata(), ticket.version(),
                Rfc3339.format(ticket.openedAt()), Rfc3339.format(ticket.assignedAt()), Rfc3339.format(ticket.closedAt()),
                Rfc3339.format(ticket.updatedAt()));
    }
}
