package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.ticketing.domain.TicketChange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Following tickets live: the agents' queue stream (every ticket created or changed) and the ticket part of
 * a conversation's stream. Positions are change numbers (see {@link TicketChange}).
 */
public interface WatchTicketsUseCase {

    /**
     * Where the caller's queue stream starts: after {@code lastEventId}, or now. Agents and admins only (403).
     *
     * @throws io.parley.kernel.MalformedRequestException the id is not one this stream issued
     */
    long watchQueue(Caller caller, String lastEventId);

    /** Tickets changed after {@code afterNumber}, in change order: at most {@code limit}. */
    List<TicketChange> queueChangesAfter(long afterNumber, int limit);

    /** The conversation's ticket if it changed after {@code afterNumber} (for the conversation module's stream). */
    Optional<TicketChange> conversationTicketAfter(UUID conversationId, long afterNumber);

    /** The conversation's ticket's change number now, 0 without a ticket. */
    long conversationTicketChange(UUID conversationId);
}
