package io.parley.archfixtures.chat.application.service;

import io.parley.archfixtures.conversation.api.ConversationApi;
import io.parley.archfixtures.knowledge.api.KnowledgeApi;

import java.util.List;
import java.util.UUID;

/** Obeys rule 4: the chat turn reaches conversation and knowledge, both through their api. */
public class ChatTurnOverApis {

    private final ConversationApi conversations;
    private final KnowledgeApi knowledge;

    public ChatTurnOverApis(ConversationApi conversations, KnowledgeApi knowledge) {
        this.conversations = conversations;
        this.knowledge = knowledge;
    }

    List<String> ground(UUID conversationId) {
        return knowledge.passages(conversations.title(conversationId));
    }
}
