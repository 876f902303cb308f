package io.parley.retention.application.port.out;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.ticketing.api.ArchivedTicket;

import java.time.Instant;

/**
 * One purged conversation in the archive: one JSON line (snake_case, RFC 3339 times) holding the
 * conversation's header with its messages and feedback, and its ticket with history and handoff (null when
 * it had none) as they were before the purge anonymised the ticket.
 */
@Serdeable
public record ArchiveLine(String format, String runId, Instant archivedAt, ArchivedConversation conversation, ArchivedTicket ticket) {

    /** Bumped when a field changes meaning or goes away; new fields may be added without it. */
    public static final String FORMAT = "parley.retention.conversation/1";
}
