package io.parley.conversation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation as the retention archive keeps it: the header, every message in order and the feedback
 * (null when none). The guest {@code session_id} is left out on purpose: it is a bearer capability, and
 * worthless once the conversation is gone. {@code userSubject} is the owner's JWT {@code sub} (null for a
 * guest), so an archive can be searched for a person's data.
 */
@Serdeable
public record ArchivedConversation(
        UUID id,
        UUID userId,
        String userSubject,
        String channel,
        String locale,
        String status,
        String summary,
        Map<String, Object> metadata,
        long lastSeq,
        Instant startedAt,
        Instant updatedAt,
        Instant endedAt,
        List<ArchivedMessage> messages,
        ArchivedFeedback feedback) {

    public ArchivedConversation {
        metadata = metadata == null ? Map.of() : metadata;
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
