package io.parley.tracing.api;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The tracing module's part in the retention job: agent trace spans and API request log rows older than
 * their window go in bounded batches, oldest first ({@code created_at} indexes), each call one short
 * transaction. A conversation's spans also go with the conversation (ON DELETE CASCADE on
 * {@code agent_traces.conversation_id}); {@link #countSpansOf} reports how many that is.
 *
 * <p>Older than the cutoff means {@code created_at < cutoff}: a row created exactly at the cutoff stays.
 */
public interface TraceRetention {

    /** The most rows one delete removes: a batch stays a short transaction. */
    int MAX_BATCH = 100_000;

    /** Deletes up to {@code limit} spans created before {@code cutoff}, oldest first; returns how many went. */
    long deleteSpansCreatedBefore(Instant cutoff, int limit);

    long countSpansCreatedBefore(Instant cutoff);

    /**
     * How many spans belong to these conversations, counting only those created at or after
     * {@code createdNotBefore} (null: all of them) — what goes with the conversations when older spans have
     * already gone by age.
     */
    long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore);

    /** Deletes up to {@code limit} API request log rows created before {@code cutoff}, oldest first. */
    long deleteRequestsCreatedBefore(Instant cutoff, int limit);

    long countRequestsCreatedBefore(Instant cutoff);
}
