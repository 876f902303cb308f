package io.parley.conversation.domain;

import io.parley.kernel.Text;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation between one customer (a user, or a guest holding {@code sessionId}) and the
 * assistant. {@code lastSeq} is the seq of its newest message, so it is also its message count:
 * messages are append-only and never deleted one by one. {@code summary} is a short preview of
 * the conversation for lists: set by a service, or else taken from the first user message.
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

    public static final int SUMMARY_MAX_LENGTH = 100;

    public Conversation {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** The summary a conversation takes from its first user message: a word-boundary preview. */
    public static String summaryPreviewOf(String firstUserMessage) {
        return Text.preview(firstUserMessage, SUMMARY_MAX_LENGTH);
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
