package io.parley.ticketing.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** The handoff of an {@link ArchivedTicket} to a helpdesk. */
@Serdeable
public record ArchivedHandoff(
        UUID id,
        String provider,
        String status,
        String reason,
        String externalTicketId,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {
}
