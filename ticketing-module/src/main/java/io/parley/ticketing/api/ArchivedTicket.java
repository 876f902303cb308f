package io.parley.ticketing.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket as the retention archive keeps it, taken before the purge anonymises it: every field of the
 * API's ticket, its whole history (oldest first) and its handoff (null when none).
 */
@Serdeable
public record ArchivedTicket(
        UUID id,
        String number,
        UUID conversationId,
        UUID clientId,
        UUID assigneeId,
        String status,
        String priority,
        String description,
        String escalationReason,
        String initialSummary,
        Map<String, Object> metadata,
        long version,
        Instant openedAt,
        Instant assignedAt,
        Instant closedAt,
        Instant updatedAt,
        List<ArchivedTicketEvent> history,
        ArchivedHandoff handoff) {

    public ArchivedTicket {
        metadata = metadata == null ? Map.of() : metadata;
        history = history == null ? List.of() : List.copyOf(history);
    }
}
