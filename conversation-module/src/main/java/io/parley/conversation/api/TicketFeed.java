package io.parley.conversation.api;

import io.parley.kernel.Caller;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port of the conversation module, implemented by ticketing: what a conversation's live event
 * stream shows of its ticket. A position is the ticket's change number: it grows with every change of
 * the ticket and is 0 before the conversation has one. Without a ticketing module there is no feed.
 */
public interface TicketFeed {

    /** The change number of the conversation's ticket now (0 without a ticket): where a stream that starts now begins. */
    long latestChange(UUID conversationId);

    /**
     * The conversation's ticket if it changed after {@code afterChange}, as it is now: changes made while a
     * client was away coalesce into the latest state (the history has each step).
     *
     * @param viewer who reads the stream (the ticket as that caller may see it)
     */
    Optional<TicketChange> changedAfter(UUID conversationId, long afterChange, Caller viewer);

    /**
     * One ticket state for the wire: its change number, when it changed, and the ticket exactly as the
     * ticket routes answer it (a serializable object the stream sends as its data).
     */
    record TicketChange(long change, Instant at, Object body) {
    }
}
