package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public interface CreateConversationPort {

    /** Inserts an open conversation without messages and returns it as stored. */
    Conversation create(NewConversation conversation);

    /** {@code ownerId} is null for a guest conversation. */
    record NewConversation(UUID id, UUID ownerId, String sessionId, Channel channel, String locale,
                           Map<String, Object> metadata, Instant startedAt) {
    }
}
