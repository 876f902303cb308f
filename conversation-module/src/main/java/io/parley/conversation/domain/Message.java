package io.parley.conversation.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message of a conversation, as stored: append-only, keyed by its place {@code seq} (1, 2, 3…)
 * in the conversation. {@code content} and {@code metadata} are already redacted; {@code redactions}
 * counts the secrets replaced in both.
 */
public record Message(
        UUID id,
        UUID conversationId,
        long seq,
        MessageRole role,
        String content,
        String intent,
        Double confidence,
        Map<String, Object> metadata,
        int redactions,
        Instant createdAt) {

    public Message {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
