package io.parley.conversation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One message of an {@link ArchivedConversation}, as stored (already redacted). */
@Serdeable
public record ArchivedMessage(
        UUID id,
        long seq,
        String role,
        String content,
        String intent,
        Double confidence,
        Map<String, Object> metadata,
        int redactions,
        Instant createdAt) {

    public ArchivedMessage {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
