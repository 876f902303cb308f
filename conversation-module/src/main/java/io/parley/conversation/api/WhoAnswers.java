package io.parley.conversation.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Outbound port of the conversation module, implemented by ticketing: who answers the customer's
 * turn in a conversation. The conversation's ticket decides: no ticket, a ticket the AI still handles
 * ({@code OPEN_AI_HANDLING}) or a closed one: the {@link Assistant}; a ticket waiting for or with a
 * person ({@code PENDING_HUMAN_ASSIGNMENT}, {@code ACTIVE_HUMAN_CHAT}): a {@link Person}, and the
 * assistant stays silent. Without a ticketing module the assistant always answers.
 *
 * <p>Meant to be called inside the chat turn's transaction, the one that stores the customer's
 * message: implementations only read, through the ambient transaction (they join it and open none of
 * their own), and take no locks.
 */
public interface WhoAnswers {

    Answerer answererOf(UUID conversationId);

    /** Who answers the turn. */
    sealed interface Answerer permits Assistant, Person {
    }

    /** The assistant answers, as without any ticket. */
    record Assistant() implements Answerer {

        public static final Assistant INSTANCE = new Assistant();
    }

    /** A person holds the conversation: store the customer's message, no assistant reply; {@code handoff} is the turn's handoff object. */
    record Person(HandoffView handoff) implements Answerer {

        public Person {
            Objects.requireNonNull(handoff, "handoff");
        }
    }

    /**
     * Exactly the chat response's {@code handoff} object: {@code {recommended, reason, provider,
     * ticket_id, ticket_number, status}}, with the same {@code status} as {@code GET …/handoff}.
     * {@code provider} is null only for a ticket that has no handoff row.
     */
    record HandoffView(boolean recommended, String reason, String provider, UUID ticketId, String ticketNumber, String status) {

        public HandoffView {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(ticketNumber, "ticketNumber");
            Objects.requireNonNull(status, "status");
        }
    }
}
