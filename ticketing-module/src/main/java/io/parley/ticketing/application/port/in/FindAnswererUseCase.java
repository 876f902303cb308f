package io.parley.ticketing.application.port.in;

import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.Ticket;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who answers a customer's turn: the assistant, or the people who hold the conversation's ticket
 * ({@link io.parley.ticketing.domain.TicketStatus#isWithPeople()}). No caller: it answers the
 * conversation module's chat turn, inside its transaction, which has already checked who the customer
 * is; it must not call back into the conversation module.
 */
public interface FindAnswererUseCase {

    Answerer answererOf(UUID conversationId);

    sealed interface Answerer permits Assistant, People {
    }

    /** No ticket, the AI's own, or a closed one. */
    record Assistant() implements Answerer {

        public static final Assistant INSTANCE = new Assistant();
    }

    /** The ticket is waiting for or with a person; {@code handoff} is empty only for a ticket that was never handed off. */
    record People(Ticket ticket, Optional<Handoff> handoff) implements Answerer {

        public People {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handoff, "handoff");
        }

        /** The status clients see, as on {@code GET …/handoff}. */
        public HandoffStatus handoffStatus() {
            return HandoffStatus.of(ticket.status(), handoff.map(Handoff::delivery).orElse(null));
        }
    }
}
