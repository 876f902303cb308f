package io.parley.ticketing.application.port.in;

import java.util.UUID;

/**
 * Whether a conversation has a ticket (open or closed), for the conversation module's rule that
 * agents read conversations with tickets. No caller: it answers the conversation module, not a
 * client, and it must not depend on the conversation module in turn (that would be a cycle).
 */
public interface CheckTicketPresenceUseCase {

    boolean conversationHasTicket(UUID conversationId);
}
