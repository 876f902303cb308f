package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;

public interface CloseConversationUseCase {

    /** Ends the conversation (status closed, {@code ended_at} set); closing a closed one changes nothing. */
    Conversation close(ConversationRef conversation, Caller caller);
}
