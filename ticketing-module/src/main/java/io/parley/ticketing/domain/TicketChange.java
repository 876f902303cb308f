package io.parley.ticketing.domain;

import java.util.Objects;

/**
 * A ticket as of its latest change, with that change's number: numbers grow with every change of any
 * ticket, in commit order and without gaps a reader could fall into, so a live stream resumes after the
 * last number it sent.
 */
public record TicketChange(long number, Ticket ticket) {

    public TicketChange {
        Objects.requireNonNull(ticket, "ticket");
        if (number < 1) {
            throw new IllegalArgumentException("change numbers start at 1");
        }
    }
}
