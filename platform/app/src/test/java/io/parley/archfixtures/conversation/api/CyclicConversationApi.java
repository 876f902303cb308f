package io.parley.archfixtures.conversation.api;

import io.parley.archfixtures.tracing.api.CyclicTracingApi;

/** Breaks rule 4: with {@link CyclicTracingApi}, a cycle between two modules. */
public interface CyclicConversationApi {

    CyclicTracingApi tracing();
}
