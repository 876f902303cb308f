package io.parley.conversation.api;

import java.util.Map;
import java.util.UUID;

/** Lets another module append a message to a conversation as the service (redacted and validated as any message). */
public interface ServiceMessages {

    /** @return the stored message's id and seq */
    AppendedMessage append(UUID conversationId, String role, String content, Map<String, Object> metadata);

    record AppendedMessage(UUID id, long seq) {
    }
}
