package io.parley.tracing.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * What retention needs from trace storage: whole partitions dropped, bounded row deletes where a partition
 * straddles the cutoff, and exact counts by age. "Before the cutoff" is {@code created_at < cutoff}.
 */
public interface PurgeTracesPort {

    /**
     * Drops every span partition entirely before the cutoff (its upper bound at or before it), each in its own
     * short transaction: its rows are counted exactly, then the partition is emptied and dropped without a
     * single row delete. Returns the rows that went.
     */
    long dropSpanPartitionsBefore(Instant cutoff, PartitionLocks locks);

    /**
     * Deletes up to {@code limit} spans created before the cutoff, oldest first, in one short transaction:
     * after {@link #dropSpanPartitionsBefore} these are the rows of the partition that straddles the cutoff
     * (and of the default partition, should it hold old rows).
     */
    long deleteSpansCreatedBefore(Instant cutoff, int limit);

    long countSpansCreatedBefore(Instant cutoff);

    long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore);

    /** As {@link #dropSpanPartitionsBefore}, for the API request log. */
    long dropRequestPartitionsBefore(Instant cutoff, PartitionLocks locks);

    /** As {@link #deleteSpansCreatedBefore}, for the API request log. */
    long deleteRequestsCreatedBefore(Instant cutoff, int limit);

    long countRequestsCreatedBefore(Instant cutoff);
}
