package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;

public interface SetConversationSummaryUseCase {

    /** Sets the summary (services and admins); later user messages no longer replace it. */
    Conversation setSummary(SetConversationSummaryCommand command, Caller caller);
}
