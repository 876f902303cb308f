package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Feedback;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

public interface SaveFeedbackPort {

    /**
     * Inserts the conversation's feedback or replaces the one it has (race-free); returns it as stored,
     * or empty when the conversation was erased meanwhile.
     */
    Optional<Feedback> save(UUID newId, UUID conversationId, int rating, String comment, Instant at);
}
