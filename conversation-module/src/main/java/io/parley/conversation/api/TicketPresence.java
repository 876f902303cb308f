package io.parley.conversation.api;

import java.util.UUID;

/**
 * Outbound port of the conversation module, implemented by ticketing: agents may see a
 * conversation only when it has a ticket. Without a ticketing module no conversation has one.
 */
public interface TicketPresence {

    boolean hasTicket(UUID conversationId);
}
