package io.parley.archfixtures.ticketing.adapter.out.conversation;

import io.parley.archfixtures.conversation.application.port.out.LoadConversationPort;

/** Breaks rule 4: ticketing reaches into conversation past its api. */
class ConversationPortReader {

    private final LoadConversationPort conversations;

    ConversationPortReader(LoadConversationPort conversations) {
        this.conversations = conversations;
    }
}
