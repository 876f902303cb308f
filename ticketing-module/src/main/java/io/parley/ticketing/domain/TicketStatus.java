package io.parley.ticketing.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a ticket is in its life, and the only moves API.md allows from each place. The moves live
 * here, in one table, so no caller can invent a transition: {@link #canMoveTo} is the whole rule.
 */
public enum TicketStatus {
    OPEN_AI_HANDLING,
    PENDING_HUMAN_ASSIGNMENT,
    ACTIVE_HUMAN_CHAT,
    CLOSED_RESOLVED,
    CLOSED_BY_CLIENT;

    /** The statuses this one may move to; empty for the closed ones (closed is final). */
    public Set<TicketStatus> allowedMoves() {
        return switch (this) {
            // escalate; the AI resolved it; the customer gave up
            case OPEN_AI_HANDLING -> EnumSet.of(PENDING_HUMAN_ASSIGNMENT, CLOSED_RESOLVED, CLOSED_BY_CLIENT);
            // an agent takes it (assign or claim); the customer gave up
            case PENDING_HUMAN_ASSIGNMENT -> EnumSet.of(ACTIVE_HUMAN_CHAT, CLOSED_BY_CLIENT);
            // release back to the queue; resolved; the customer gave up
            case ACTIVE_HUMAN_CHAT -> EnumSet.of(PENDING_HUMAN_ASSIGNMENT, CLOSED_RESOLVED, CLOSED_BY_CLIENT);
            case CLOSED_RESOLVED, CLOSED_BY_CLIENT -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return allowedMoves().contains(target);
    }

    public boolean isClosed() {
        return this == CLOSED_RESOLVED || this == CLOSED_BY_CLIENT;
    }

    /** The name on the wire and in the database. */
    public String wireValue() {
        return name();
    }

    /** Exact, case-sensitive: the wire value is the enum name. */
    public static Optional<TicketStatus> fromWire(String value) {
        for (TicketStatus status : values()) {
            if (status.name().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
