package io.parley.archfixtures.conversation.application.port.in;

import java.util.UUID;

/** Obeys every rule. */
public record AppendMessageCommand(UUID conversationId, String content) {
}
