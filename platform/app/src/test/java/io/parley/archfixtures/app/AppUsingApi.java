package io.parley.archfixtures.app;

import io.parley.archfixtures.conversation.api.ConversationApi;
import io.parley.archfixtures.kernel.Ids;

/** Obeys rule 4 (app): platform/app uses a module through its api, and the kernel. */
public class AppUsingApi {

    private final ConversationApi conversations;

    public AppUsingApi(ConversationApi conversations) {
        this.conversations = conversations;
    }

    public String titleOfANewConversation() {
        return conversations.title(Ids.newId());
    }
}
