package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.TicketChange;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tickets by their change number (see {@link TicketChange}): what the live streams read. */
public interface LoadTicketChangesPort {

    /** Up to {@code limit} tickets whose latest change is after {@code afterNumber}, in change order: a range of a unique index. */
    List<TicketChange> changedAfter(long afterNumber, int limit);

    /** The conversation's ticket if its latest change is after {@code afterNumber}. */
    Optional<TicketChange> conversationTicketChangedAfter(UUID conversationId, long afterNumber);

    /** The conversation's ticket's change number (0 without a ticket). */
    long conversationTicketChange(UUID conversationId);

    /** The highest change number any committed ticket carries (0 without tickets): where "now" is. */
    long latestCommittedChange();

    /** The highest change number ever drawn (committed or not): nothing a stream issued can lie beyond it. */
    long latestDrawnChange();
}
