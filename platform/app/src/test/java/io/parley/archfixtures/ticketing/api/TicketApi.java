package io.parley.archfixtures.ticketing.api;

import java.util.UUID;

/** Obeys every rule. */
public interface TicketApi {

    boolean hasTicket(UUID conversationId);
}
