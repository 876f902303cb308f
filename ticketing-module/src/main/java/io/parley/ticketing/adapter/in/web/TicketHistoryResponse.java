package io.parley.ticketing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.ticketing.domain.TicketEvent;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code {"items": [{from, to, actor, reason, at}]}}, oldest first; {@code from} is null for the event that opened the ticket. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TicketHistory", description = "Every status change of a ticket, oldest first (not paged)")
record TicketHistoryResponse(List<EntryResponse> items) {

    private static final String STATUSES = "OPEN_AI_HANDLING, PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT, CLOSED_RESOLVED, CLOSED_BY_CLIENT";

    static TicketHistoryResponse of(List<TicketEvent> events) {
        return new TicketHistoryResponse(events.stream().map(EntryResponse::of).toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TicketHistoryEntry")
    record EntryResponse(
            @Nullable @Schema(requiredMode = REQUIRED, description = "null for the event that opened the ticket; else one of " + STATUSES)
            String from,
            @Schema(requiredMode = REQUIRED, description = "one of " + STATUSES) String to,
            @Schema(requiredMode = REQUIRED, description = "<role>:<sub>, guest or anonymous", example = "agent:ada") String actor,
            @Nullable @Schema(requiredMode = REQUIRED) String reason,
            @Schema(requiredMode = REQUIRED, format = "date-time") String at) {

        static EntryResponse of(TicketEvent event) {
            return new EntryResponse(event.from() == null ? null : event.from().wireValue(), event.to().wireValue(), event.actor(),
                    event.reason(), Rfc3339.format(event.at()));
        }
    }
}
