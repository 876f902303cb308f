package io.parley.ticketing.api;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Ticketing's part in the retention job. Tickets are never deleted by retention: when their conversation
 * is purged the foreign key sets {@code conversation_id} to NULL and ticketing's trigger anonymises the
 * ticket (description, escalation reason, initial summary, metadata, history reasons), so support
 * statistics stay right. Handoffs carry the conversation to a helpdesk and go with it (ON DELETE CASCADE).
 * This API gives the retention job what it archives and counts before the purge.
 */
public interface TicketArchive {

    /** The ticket of each of these conversations that has one (with its history and handoff), keyed by conversation id. */
    Map<UUID, ArchivedTicket> ticketsOf(Collection<UUID> conversationIds);

    /** How many tickets a purge of these conversations anonymises and how many handoffs it deletes. */
    TicketRetentionCounts countFor(Collection<UUID> conversationIds);
}
