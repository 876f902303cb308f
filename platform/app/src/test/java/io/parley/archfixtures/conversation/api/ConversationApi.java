package io.parley.archfixtures.conversation.api;

import java.util.UUID;

/** Obeys every rule: what other modules may use of the conversation module. */
public interface ConversationApi {

    String title(UUID conversationId);
}
