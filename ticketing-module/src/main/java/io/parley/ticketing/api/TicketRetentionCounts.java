package io.parley.ticketing.api;

/** Tickets that a purge of some conversations anonymises, and handoffs that go with those conversations. */
public record TicketRetentionCounts(long tickets, long handoffs) {

    public static final TicketRetentionCounts NONE = new TicketRetentionCounts(0, 0);
}
