package io.parley.ticketing.application.port.out;

import io.parley.ticketing.api.ArchivedTicket;
import io.parley.ticketing.api.TicketRetentionCounts;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What retention needs from ticket storage: the tickets of some conversations, whole, and how many rows hang off them. */
public interface LoadTicketArchivePort {

    Map<UUID, ArchivedTicket> loadByConversations(Collection<UUID> conversationIds);

    TicketRetentionCounts countByConversations(Collection<UUID> conversationIds);
}
