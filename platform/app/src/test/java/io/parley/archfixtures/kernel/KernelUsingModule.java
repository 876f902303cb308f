package io.parley.archfixtures.kernel;

import io.parley.archfixtures.conversation.api.ConversationApi;

/** Breaks rules 4 and 5: the kernel imports a module (even its api). */
public final class KernelUsingModule {

    private final ConversationApi conversations;

    public KernelUsingModule(ConversationApi conversations) {
        this.conversations = conversations;
    }
}
