package io.parley.chat.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the chat turn asks the assistant: the customer's new message (already redacted, as stored),
 * the conversation's locale (may be null), and the recent history before it, oldest first. The
 * caller bounds the history by count; providers bound it again by their own budget.
 */
public record AssistantRequest(UUID conversationId, String locale, String message, List<Turn> history) {

    public AssistantRequest {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One earlier message: {@code role} as stored ({@code user}, {@code assistant}, {@code system}). */
    public record Turn(String role, String content) {

        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
