package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

import java.util.Set;

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

    /**
     * What happened after {@code position}: at most {@code limit} messages, oldest first, and of the rest
     * only the {@code kinds} that may have changed (read without a transaction: each read is one statement,
     * and a new message costs exactly one).
     */
    ConversationChanges changesAfter(ConversationWatch watch, ConversationPosition position, int limit, Set<ConversationChangeKind> kinds);
}
