package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;

import java.util.Objects;

/**
 * The customer moves the ticket of their own conversation (a guest by the session id): the only move
 * they may make is closing it ({@code CLOSED_BY_CLIENT}); any other target is a 403, a ticket already
 * closed a 409, a conversation without a ticket a 404. A later escalation reopens the same ticket.
 */
public interface TransitionOwnTicketUseCase {

    Ticket transition(OwnTransitionCommand command);

    /** @param reason optional, stored redacted */
    record OwnTransitionCommand(ConversationLookup conversation, Caller caller, TicketStatus to, String reason) {

        public OwnTransitionCommand {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(to, "to");
        }

        /** Validates the raw request fields (422 for a missing or unknown {@code to}, an over-long reason). */
        public static OwnTransitionCommand of(ConversationLookup conversation, Caller caller, String rawTo, String reason) {
            Validation validation = Validation.check();
            TicketStatus to = TransitionFields.target(validation, rawTo, reason);
            validation.throwIfInvalid();
            return new OwnTransitionCommand(conversation, caller, to,
                    TransitionFields.storedReason(reason));
        }
    }
}
