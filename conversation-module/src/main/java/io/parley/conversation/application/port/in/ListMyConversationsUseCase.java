package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;

public interface ListMyConversationsUseCase {

    /** The conversations the authenticated caller owns (whatever their role), newest updated first. */
    Page<Conversation> list(ListConversationsQuery query, Caller caller);
}
