package io.parley.tracing.api;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The tracing module's part in the retention job. Both tables are partitioned by {@code created_at} (a day a
 * partition by default): a delete call drops every partition entirely older than the cutoff whole (its rows
 * counted exactly, no row deleted, each partition its own short transaction), then deletes a bounded batch of
 * rows, oldest first, from the one partition that straddles the cutoff. A call can therefore report more rows
 * than its limit; the caller calls again while a call reports at least its limit. A conversation's spans also
 * go with the conversation (ON DELETE CASCADE on {@code agent_traces.conversation_id}); {@link #countSpansOf}
 * reports how many that is.
 *
 * <p>Older than the cutoff means {@code created_at < cutoff}: a row created exactly at the cutoff stays.
 */
public interface TraceRetention {

    /** The most rows one delete removes: a batch stays a short transaction. */
    int MAX_BATCH = 100_000;

    /**
     * Drops the span partitions entirely before {@code cutoff}, then deletes up to {@code limit} spans created
     * before it, oldest first; returns how many went in all (the dropped partitions' rows included).
     */
    long deleteSpansCreatedBefore(Instant cutoff, int limit);

    long countSpansCreatedBefore(Instant cutoff);

    /**
     * How many spans belong to these conversations, counting only those created at or after
     * {@code createdNotBefore} (null: all of them) — what goes with the conversations when older spans have
     * already gone by age.
     */
    long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore);

    /** As {@link #deleteSpansCreatedBefore}, for the API request log. */
    long deleteRequestsCreatedBefore(Instant cutoff, int limit);

    long countRequestsCreatedBefore(Instant cutoff);
}
