package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

public interface EraseConversationUseCase {

    /** Deletes the conversation and all that hangs off it (messages, feedback, traces, handoffs) in one transaction. */
    void erase(ConversationRef conversation, Caller caller);
}
