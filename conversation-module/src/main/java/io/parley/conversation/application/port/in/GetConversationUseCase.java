package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;

public interface GetConversationUseCase {

    /** The conversation if the caller may read it; otherwise 404 as if it did not exist. */
    Conversation get(ConversationRef conversation, Caller caller);
}
