package io.parley.ticketing.domain;

/** The human-readable number of a ticket, shown as {@code T-1042}; the value comes from a database sequence. */
public record TicketNumber(long value) {

    private static final String PREFIX = "T-";

    public TicketNumber {
        if (value < 1) {
            throw new IllegalArgumentException("a ticket number is positive");
        }
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
