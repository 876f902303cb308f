package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;

import java.util.Objects;
import java.util.UUID;

/**
 * Moves a ticket along the status machine (agents and admins; a customer may only close their own
 * ticket with {@code CLOSED_BY_CLIENT}; the AI service only while the ticket is still its own, in
 * {@code OPEN_AI_HANDLING}).
 */
public interface TransitionTicketUseCase {

    Ticket transition(TransitionCommand command);

    /**
     * @param assigneeId only with {@code ACTIVE_HUMAN_CHAT}; absent, the caller takes the ticket
     * @param expectedVersion optional optimistic-locking guard: a stale one is a 409
     */
    record TransitionCommand(UUID ticketId, Caller caller, TicketStatus to, String reason, UUID assigneeId, Long expectedVersion) {

        public TransitionCommand {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(to, "to");
        }

        public static TransitionCommand of(String rawTicketId, Caller caller, String rawTo, String reason,
                                           String rawAssigneeId, Long version) {
            UUID ticketId = Ids.parseOrNotFound(rawTicketId, "ticket");
            Validation validation = Validation.check();
            TicketStatus to = TransitionFields.target(validation, rawTo, reason);
            UUID assignee = null;
            if (rawAssigneeId != null) {
                assignee = Uuids.parseOrNull(rawAssigneeId);
                validation.require(assignee != null, "assignee_id", "must be a UUID");
                validation.require(to == null || to == TicketStatus.ACTIVE_HUMAN_CHAT, "assignee_id",
                        "may only be given when moving to ACTIVE_HUMAN_CHAT");
            }
            validation.require(version == null || version >= 0, "version", "must not be negative");
            validation.throwIfInvalid();
            return new TransitionCommand(ticketId, caller, to, TransitionFields.storedReason(reason),
                    assignee, version);
        }
    }
}
