package io.parley.ticketing.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One status change of an {@link ArchivedTicket}, as the history API shows it. */
@Serdeable
public record ArchivedTicketEvent(String from, String to, String actor, String reason, Instant at) {
}
