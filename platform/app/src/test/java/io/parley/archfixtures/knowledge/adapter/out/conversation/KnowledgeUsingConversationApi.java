package io.parley.archfixtures.knowledge.adapter.out.conversation;

import io.parley.archfixtures.conversation.api.ConversationApi;

/** Breaks rule 4: the knowledge base depends on no other module, not even through an api. */
class KnowledgeUsingConversationApi {

    private final ConversationApi conversations;

    KnowledgeUsingConversationApi(ConversationApi conversations) {
        this.conversations = conversations;
    }
}
