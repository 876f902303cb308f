package io.parley.ticketing.application.port.in;

import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;

/** The rules of a move's target status and reason, one place for every transition command. */
final class TransitionFields {

    private TransitionFields() {
    }

    /** The target status, or null after recording why it is missing or unknown; checks the reason's length too. */
    static TicketStatus target(Validation validation, String rawTo, String reason) {
        TicketStatus to = rawTo == null ? null : TicketStatus.fromWire(rawTo).orElse(null);
        validation.require(rawTo != null, "to", "is required");
        if (rawTo != null) {
            validation.require(to != null, "to", "must be one of OPEN_AI_HANDLING, PENDING_HUMAN_ASSIGNMENT, "
                    + "ACTIVE_HUMAN_CHAT, CLOSED_RESOLVED, CLOSED_BY_CLIENT");
        }
        validation.text(reason, "reason", 0, Ticket.MAX_REASON);
        return to;
    }

    /** The reason as stored: redacted and fitted, null when blank. */
    static String storedReason(String reason) {
        return reason == null || reason.isBlank() ? null : Redaction.text(reason, Ticket.MAX_REASON);
    }
}
