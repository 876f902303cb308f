package io.parley.archfixtures.tracing.api;

import io.parley.archfixtures.conversation.api.CyclicConversationApi;

/** Breaks rule 4: with {@link CyclicConversationApi}, a cycle between two modules. */
public interface CyclicTracingApi {

    CyclicConversationApi conversation();
}
