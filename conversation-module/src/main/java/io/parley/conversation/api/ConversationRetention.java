package io.parley.conversation.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The conversation module's part in the retention job (platform/app orchestrates it): it closes idle
 * conversations, finds and archives expired ones and deletes them. Deleting a conversation takes its
 * messages and feedback with it, and, through the foreign keys the owning modules declared, its agent
 * traces and handoffs; its ticket stays, anonymised by ticketing's own trigger.
 *
 * <p>Expired means {@code status = closed} and {@code ended_at < cutoff}, strictly: a conversation that
 * ended exactly at the cutoff stays. Scans walk the index {@code (ended_at, id) WHERE status = 'closed'}
 * in its order, so a batch is a short index range.
 */
public interface ConversationRetention {

    /** The most conversations one call handles: batches stay short transactions. */
    int MAX_BATCH = 10_000;

    /** A conversation's place in the scan order of expired conversations. */
    record Position(Instant endedAt, UUID id) {
    }

    /**
     * Closes up to {@code limit} open conversations whose last activity ({@code updated_at}) is before
     * {@code idleBefore}, oldest first: {@code status = closed, ended_at = closedAt}. From then on they follow
     * the closed-conversation rule, counted from {@code closedAt}. Returns how many were closed.
     */
    int closeIdle(Instant idleBefore, Instant closedAt, int limit);

    /** How many open conversations are idle since before {@code idleBefore} (what {@link #closeIdle} would close). */
    long countIdle(Instant idleBefore);

    /**
     * The next expired conversations after {@code after} (null: from the start), in scan order, locked
     * for this transaction ({@code FOR UPDATE SKIP LOCKED}): nothing can be added to them until it ends, and
     * rows another transaction holds are left for the next run. Needs the caller's transaction.
     */
    List<Position> lockExpired(Instant cutoff, Position after, int limit);

    /** Like {@link #lockExpired} without locking, for a dry run. */
    List<Position> findExpired(Instant cutoff, Position after, int limit);

    /** Streams each of these conversations, with its messages (in order) and feedback, in id order. */
    void archive(Collection<UUID> conversationIds, Consumer<ArchivedConversation> consumer);

    /** What deleting these conversations would remove from this module's tables. */
    PurgedConversationRows count(Collection<UUID> conversationIds);

    /**
     * Deletes those of these conversations that are still expired at {@code cutoff} (an id that is not is
     * left alone), with everything hanging off them. Returns what went from this module's tables.
     */
    PurgedConversationRows purge(Collection<UUID> conversationIds, Instant cutoff);

    /** Which of these conversations still exist: the archive asks it to learn whether a batch's delete committed. */
    Set<UUID> stillPresent(Collection<UUID> conversationIds);
}
