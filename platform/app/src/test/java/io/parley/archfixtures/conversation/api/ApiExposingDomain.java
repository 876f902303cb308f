package io.parley.archfixtures.conversation.api;

import io.parley.archfixtures.conversation.domain.Conversation;

import java.util.UUID;

/** Breaks rules 1 and 4: the api hands out the module's domain type. */
public interface ApiExposingDomain {

    Conversation find(UUID conversationId);
}
