package io.parley.archfixtures.conversation.application.port.out;

import io.parley.archfixtures.conversation.domain.Conversation;

import java.util.Optional;
import java.util.UUID;

/** Obeys every rule: an outbound port speaks the domain. */
public interface LoadConversationPort {

    Optional<Conversation> load(UUID conversationId);
}
