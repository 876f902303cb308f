package io.parley.conversation.application.port.out;

import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ConversationRetention.Position;
import io.parley.conversation.api.PurgedConversationRows;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** What retention needs from storage: closing idle conversations, scanning expired ones, archiving and deleting them. */
public interface PurgeConversationsPort {

    int closeIdle(Instant idleBefore, Instant closedAt, int limit);

    long countIdle(Instant idleBefore);

    /** Expired conversations after {@code after} (null: from the start) in index order; {@code lock}: FOR UPDATE SKIP LOCKED. */
    List<Position> selectExpired(Instant cutoff, Position after, int limit, boolean lock);

    void streamArchive(Collection<UUID> conversationIds, Consumer<ArchivedConversation> consumer);

    PurgedConversationRows count(Collection<UUID> conversationIds);

    /** Deletes the given conversations that are closed with {@code ended_at < cutoff}; counts are taken in the same statement. */
    PurgedConversationRows delete(Collection<UUID> conversationIds, Instant cutoff);

    Set<UUID> existing(Collection<UUID> conversationIds);
}
