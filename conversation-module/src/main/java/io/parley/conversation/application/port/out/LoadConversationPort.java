package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Conversation;

import java.util.Optional;
import java.util.UUID;

public interface LoadConversationPort {

    Optional<Conversation> load(UUID conversationId);

    Optional<Conversation> loadBySession(String sessionId);
}
