package io.parley.tracing.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.parley.conversation.api.TicketPresence;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the ticketing module's presence check (replacing it: the conversation module injects at most
 * one) so the read rule "agents see conversations that have a ticket" can be exercised without opening
 * tickets. Only in contexts that set {@code parley.test.ticket-presence}.
 */
@Singleton
@Replaces(TicketPresence.class)
@Requires(property = "parley.test.ticket-presence", value = "enabled")
class TestTicketPresence implements TicketPresence {

    static final Set<UUID> WITH_TICKET = ConcurrentHashMap.newKeySet();

    @Override
    public boolean hasTicket(UUID conversationId) {
        return WITH_TICKET.contains(conversationId);
    }
}
