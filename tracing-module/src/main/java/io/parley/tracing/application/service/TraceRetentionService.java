package io.parley.tracing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.tracing.api.TraceRetention;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The tracing module's retention API: each delete is one bounded statement in its own short transaction. */
@Singleton
public class TraceRetentionService implements TraceRetention {

    private final PurgeTracesPort storage;

    public TraceRetentionService(PurgeTracesPort storage) {
        this.storage = storage;
    }

    @Override
    @Transactional
    public long deleteSpansCreatedBefore(Instant cutoff, int limit) {
        return storage.deleteSpansCreatedBefore(Objects.requireNonNull(cutoff, "cutoff"), checkLimit(limit));
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

    @Override
    @Transactional
    public long deleteRequestsCreatedBefore(Instant cutoff, int limit) {
        return storage.deleteRequestsCreatedBefore(Objects.requireNonNull(cutoff, "cutoff"), checkLimit(limit));
    }

    @Override
    @Transactional(readOnly = true)
    public long countRequestsCreatedBefore(Instant cutoff) {
        return storage.countRequestsCreatedBefore(Objects.requireNonNull(cutoff, "cutoff"));
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("a retention batch holds 1.." + MAX_BATCH + " rows, not " + limit);
        }
        return limit;
    }
}
