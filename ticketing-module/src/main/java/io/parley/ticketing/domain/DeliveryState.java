package io.parley.ticketing.domain;

import java.util.Optional;

/**
 * Where the delivery of a handoff stands: the outbox's own state, kept in {@code ticketing.handoffs.status}.
 * It is not what clients are shown: the {@link HandoffStatus} on the wire is derived from this together
 * with the ticket's status ({@link HandoffStatus#of}), because whether a person has the conversation is
 * the ticket's business, not the outbox's.
 *
 * <p>The stored values predate this split and are kept (no data migration): {@code routed} in the
 * table means Parley's own queue took the handoff (the internal provider), not that a person took it.
 */
public enum DeliveryState {
    /** Waiting for its first or next attempt (always scheduled: {@code next_attempt_at} is set). */
    AWAITING_DELIVERY("pending"),
    /** An external helpdesk (Zendesk, Freshdesk, e-mail) accepted it; {@code external_ticket_id} when it named one. */
    HELPDESK_ACCEPTED("created"),
    /** The internal provider: nothing is sent anywhere, the ticket waits in Parley's agent queue. */
    IN_PARLEY_QUEUE("routed"),
    /** Delivery gave up: a permanent rejection, or the last allowed attempt failed. */
    GAVE_UP("failed"),
    /** Its ticket closed: nothing is left to deliver. */
    SETTLED("resolved");

    private final String stored;

    DeliveryState(String stored) {
        this.stored = stored;
    }

    /** The value in {@code ticketing.handoffs.status}. */
    public String storedValue() {
        return stored;
    }

    public static Optional<DeliveryState> fromStored(String value) {
        for (DeliveryState state : values()) {
            if (state.stored.equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** A ticket that closes settles its handoff: nothing is left to deliver or to work on. A failure stays recorded as one. */
    public boolean settlesWhenTicketCloses() {
        return this == AWAITING_DELIVERY || this == HELPDESK_ACCEPTED || this == IN_PARLEY_QUEUE;
    }
}
