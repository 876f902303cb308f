package io.parley.conversation.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation between one customer (a user, or a guest holding {@code sessionId}) and the
 * assistant. {@code lastSeq} is the seq of its newest message, so it is also its message count:
 * messages are append-only and never deleted one by one.
 */
public record Conversation(
        UUID id,
        String sessionId,
        UUID userId,
        String userSubject,
        Channel channel,
        String locale,
        ConversationStatus status,
        String summary,
        Map<String, Object> metadata,
        long lastSeq,
        Instant startedAt,
        Instant updatedAt,
        Instant endedAt) {

    public Conversation {
        metadata = metadata == null ? Map.of() : metadata;
    }

    public boolean isOpen() {
        return status == ConversationStatus.OPEN;
    }

    public boolean isGuest() {
        return userId == null;
    }

    public long messageCount() {
        return lastSeq;
    }
}
