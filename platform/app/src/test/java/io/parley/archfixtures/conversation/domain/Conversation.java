package io.parley.archfixtures.conversation.domain;

import io.parley.archfixtures.kernel.Ids;

import java.time.Instant;
import java.util.UUID;

/** Obeys rule 1: java.*, the kernel and its own domain only. */
public record Conversation(UUID id, ConversationStatus status, Instant startedAt) {

    public static Conversation start(Instant now) {
        return new Conversation(Ids.newId(), ConversationStatus.OPEN, now);
    }
}
