package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;

public interface StartConversationUseCase {

    /**
     * Starts a conversation owned by the authenticated caller (their user row is created or refreshed
     * from the token), or a guest conversation reachable only through its new session id when the
     * caller has no token (the chat's front door).
     */
    Conversation start(StartConversationCommand command, Caller caller);
}
