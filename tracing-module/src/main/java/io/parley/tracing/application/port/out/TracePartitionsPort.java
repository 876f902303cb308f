package io.parley.tracing.application.port.out;

import io.parley.tracing.domain.TimeRange;

import java.util.List;
import java.util.Optional;

/** The time partitions of the two partitioned tracing tables: which exist, and making the missing ones. */
public interface TracePartitionsPort {

    /** {@code tracing.agent_traces} and {@code tracing.api_requests}, both range-partitioned by {@code created_at}. */
    enum Table { AGENT_TRACES, API_REQUESTS }

    /** The table's range partitions (its default partition is not one). */
    List<TimeRange> partitions(Table table);

    /** Creates the table's default partition if it has none (so an insert never fails); its name when it did. */
    Optional<String> ensureDefaultPartition(Table table, PartitionLocks locks);

    /**
     * Creates a partition for {@code range}, moving into it any row the default partition holds in that
     * range. Safe with several instances: empty when a partition overlapping the range exists by the time
     * the lock is held (another instance made it), otherwise the new partition's name.
     */
    Optional<String> createPartition(Table table, TimeRange range, PartitionLocks locks);
}
