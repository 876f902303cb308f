package io.parley.conversation.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored message as other modules may know it: {@code role} is {@code user}, {@code assistant} or
 * {@code system}; {@code content} and {@code metadata} are already redacted, {@code redactions} counts
 * the secrets replaced in both.
 */
public record MessageView(UUID id, UUID conversationId, long seq, String role, String content, String intent, Double confidence,
                          Map<String, Object> metadata, int redactions, Instant createdAt) {

    public MessageView {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
