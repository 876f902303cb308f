package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.Ticket;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands a conversation to human support: its one ticket is opened (or moved from
 * {@code OPEN_AI_HANDLING}) into {@code PENDING_HUMAN_ASSIGNMENT}, or reopened there when it was
 * closed, and its handoff is queued in the same transaction. A repeat while people have it, also a
 * concurrent one, answers with the existing ticket and changes nothing.
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

    /** The ticket after the call, its handoff, and what this call did to it. */
    record Escalated(Ticket ticket, Optional<Handoff> handoff, Outcome outcome) {

        public Escalated {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handoff, "handoff");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** True when this call put the ticket into the human queue (201), false when it changed nothing (200). */
        public boolean created() {
            return outcome != Outcome.UNCHANGED;
        }
    }

    /** What an escalation did. */
    enum Outcome {
        /** The ticket was opened or moved from {@code OPEN_AI_HANDLING} into the human queue, its handoff queued. */
        ESCALATED,
        /** The closed ticket was reopened into the human queue, its handoff queued afresh. */
        REOPENED,
        /** People already have it (or the conversation is closed): the ticket as it is, nothing changed. */
        UNCHANGED
    }
}
