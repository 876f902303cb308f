package io.parley.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * What other modules may know of a conversation. {@code ownerSubject} is the owning user's JWT
 * {@code sub} (null for a guest conversation); {@code ownerId} their user row id.
 */
public record ConversationView(
        UUID id,
        String sessionId,
        UUID ownerId,
        String ownerSubject,
        String channel,
        String locale,
        String status,
        String summary,
        long messageCount,
        Instant startedAt,
        Instant updatedAt,
        Instant endedAt) {

    public boolean isOpen() {
        return "open".equals(status);
    }

    public boolean isGuest() {
        return ownerId == null;
    }
}
