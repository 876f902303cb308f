package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;

import java.util.Optional;
import java.util.UUID;

/** Reads one conversation, filtered by what the caller could possibly see (empty otherwise, as if missing). */
public interface LoadConversationPort {

    Optional<Conversation> load(UUID conversationId, ConversationScope scope);

    Optional<Conversation> loadBySession(String sessionId, ConversationScope scope);
}
