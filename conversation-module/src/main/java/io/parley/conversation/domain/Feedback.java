package io.parley.conversation.domain;

import java.time.Instant;
import java.util.UUID;

/** The customer's rating (0..5) of a conversation and an optional comment: one per conversation, replaced on repeat. */
public record Feedback(UUID conversationId, int rating, String comment, Instant createdAt, Instant updatedAt) {

    public static final int MIN_RATING = 0;
    public static final int MAX_RATING = 5;
    public static final int MAX_COMMENT_LENGTH = 2000;
}
