package io.parley.tracing.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** What retention needs from trace storage: bounded deletes and counts by age. */
public interface PurgeTracesPort {

    long deleteSpansCreatedBefore(Instant cutoff, int limit);

    long countSpansCreatedBefore(Instant cutoff);

    long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore);

    long deleteRequestsCreatedBefore(Instant cutoff, int limit);

    long countRequestsCreatedBefore(Instant cutoff);
}
