package io.parley.archfixtures.live;

import io.parley.archfixtures.conversation.api.ConversationApi;

/** Breaks rule 4: platform/live, which every module uses, imports a module (even its api): a cycle in waiting. */
public final class LiveUsingModule {

    private final ConversationApi conversations;

    public LiveUsingModule(ConversationApi conversations) {
        this.conversations = conversations;
    }
}
