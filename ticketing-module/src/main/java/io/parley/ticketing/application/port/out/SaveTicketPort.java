package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;

/** Writes tickets and their history. */
public interface SaveTicketPort {

    /** The next human-readable ticket number (a database sequence: unique, increasing, possibly with gaps). */
    long nextTicketNumber();

    /**
     * Inserts the ticket unless its conversation already has one, in one conflict-safe statement
     * (concurrent callers wait for each other on the unique key; none fails).
     *
     * @return true when this call inserted it
     */
    boolean insertIfAbsent(Ticket ticket);

    /** Stores the next state of a ticket read at {@code expectedVersion}; a concurrent change in between is a 409. */
    void update(Ticket ticket, long expectedVersion);

    void append(TicketEvent event);
}
