package io.parley.conversation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The feedback of an {@link ArchivedConversation}. */
@Serdeable
public record ArchivedFeedback(int rating, String comment, Instant createdAt, Instant updatedAt) {
}
