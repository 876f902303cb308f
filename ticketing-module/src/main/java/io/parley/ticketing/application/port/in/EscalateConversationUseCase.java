package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.Ticket;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands a conversation to human support: its one ticket is opened (or moved from
 * {@code OPEN_AI_HANDLING}) into {@code PENDING_HUMAN_ASSIGNMENT}, and its handoff is queued in the
 * same transaction. A repeat, also a concurrent one, answers with the existing ticket.
 */
public interface EscalateConversationUseCase {

    Escalated escalate(EscalateCommand command);

    /** The customer side (owner, guest by session) or an admin/service asks for humans, with a reason (stored redacted). */
    record EscalateCommand(ConversationLookup conversation, Caller caller, String reason) {

        public EscalateCommand {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(caller, "caller");
            Validation.check().text(reason, "reason", 1, Ticket.MAX_REASON).throwIfInvalid();
            reason = Redaction.text(reason, Ticket.MAX_REASON);
        }
    }

    /** @param created true when this call created or moved the ticket (201), false when it was already past pending (200) */
    record Escalated(Ticket ticket, Optional<Handoff> handoff, boolean created) {
    }
}
