package io.parley.archfixtures.billing;

import io.parley.archfixtures.conversation.api.ConversationApi;

/** Breaks rule 4: billing is not in the declared module graph, so it may use nothing. */
public class Invoice {

    private final ConversationApi conversations;

    public Invoice(ConversationApi conversations) {
        this.conversations = conversations;
    }
}
