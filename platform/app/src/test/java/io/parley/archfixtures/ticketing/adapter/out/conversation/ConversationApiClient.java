package io.parley.archfixtures.ticketing.adapter.out.conversation;

import io.parley.archfixtures.conversation.api.ConversationApi;

import java.util.UUID;

/** Obeys rule 4: ticketing reaches conversation through its api. */
class ConversationApiClient {

    private final ConversationApi conversations;

    ConversationApiClient(ConversationApi conversations) {
        this.conversations = conversations;
    }

    String title(UUID conversationId) {
        return conversations.title(conversationId);
    }
}
