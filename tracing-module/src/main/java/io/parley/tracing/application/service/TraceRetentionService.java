package io.parley.tracing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.tracing.api.TraceRetention;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The tracing module's retention API. A delete call first drops every partition entirely before the cutoff
 * (each its own short transaction: counted, emptied, dropped), then deletes at most {@code limit} rows of the
 * partition that straddles the cutoff in one more short transaction; it returns both together. Counts are
 * exact ({@code count(*)}), so a dry run reports what a real run removes.
 */
@Singleton
public class TraceRetentionService implements TraceRetention {

    private final PurgeTracesPort storage;
    private final TracePartitionSettings partitions;

    public TraceRetentionService(PurgeTracesPort storage, TracePartitionSettings partitions) {
        this.storage = storage;
        this.partitions = partitions;
    }

    /** Not one transaction: every partition and the row batch are their own (the storage opens them). */
    @Override
    public long deleteSpansCreatedBefore(Instant cutoff, int limit) {
        return purge(cutoff, limit, storage::dropSpanPartitionsBefore, storage::deleteSpansCreatedBefore);
    }

    @Override
    @Transactional(readOnly = true)
    public long countSpansCreatedBefore(Instant cutoff) {
        return storage.countSpansCreatedBefore(Objects.requireNonNull(cutoff, "cutoff"));
    }

    @Override
    @Transactional(readOnly = true)
    public long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore) {
        Set<UUID> ids = new LinkedHashSet<>(Objects.requireNonNull(conversationIds, "conversationIds"));
        if (ids.contains(null)) {
            throw new IllegalArgumentException("a conversation id is null");
        }
        return ids.isEmpty() ? 0 : storage.countSpansOf(ids, createdNotBefore);
    }

    /** Not one transaction, as {@link #deleteSpansCreatedBefore}. */
    @Override
    public long deleteRequestsCreatedBefore(Instant cutoff, int limit) {
        return purge(cutoff, limit, storage::dropRequestPartitionsBefore, storage::deleteRequestsCreatedBefore);
    }

    @Override
    @Transactional(readOnly = true)
    public long countRequestsCreatedBefore(Instant cutoff) {
        return storage.countRequestsCreatedBefore(Objects.requireNonNull(cutoff, "cutoff"));
    }

    /** The one purge order of both time-partitioned tables: whole partitions first, then a batch of the straddling one. */
    private long purge(Instant cutoff, int limit, PartitionDrop dropPartitions, RowTrim trimRows) {
        Objects.requireNonNull(cutoff, "cutoff");
        checkLimit(limit);
        long dropped = dropPartitions.before(cutoff, partitions.locks());
        return dropped + trimRows.before(cutoff, limit);
    }

    private interface PartitionDrop {
        long before(Instant cutoff, PartitionLocks locks);
    }

    private interface RowTrim {
        long before(Instant cutoff, int limit);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("a retention batch holds 1.." + MAX_BATCH + " rows, not " + limit);
        }
        return limit;
    }
}
