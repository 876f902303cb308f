package io.parley.archfixtures.chat.application.service;

import io.parley.archfixtures.conversation.domain.Conversation;

/** Breaks rule 4: the chat turn reaches past conversation's api into its domain. */
public class ChatTurnUsingConversationDomain {

    private final Conversation conversation;

    public ChatTurnUsingConversationDomain(Conversation conversation) {
        this.conversation = conversation;
    }
}
