package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

/**
 * Following a conversation live (its event stream). Whoever may read the conversation may follow it;
 * anyone else gets the same 404 as for reading it. A closed conversation can still be followed: it is
 * history, and its ticket may still change.
 */
public interface WatchConversationUseCase {

    /**
     * The caller's watch, starting after {@code lastEventId} or, without one, now.
     *
     * @throws io.parley.kernel.NotFoundException the caller may not read the conversation (or it does not exist)
     * @throws io.parley.kernel.MalformedRequestException the id is not one this stream issued, or lies ahead of the conversation
     */
    ConversationWatch watch(ConversationRef conversation, Caller caller, String lastEventId);

    /** What happened after {@code position}: at most {@code limit} messages, oldest first. */
    ConversationChanges changesAfter(ConversationWatch watch, ConversationPosition position, int limit);
}
