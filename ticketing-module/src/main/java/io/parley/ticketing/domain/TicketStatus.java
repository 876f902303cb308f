package io.parley.ticketing.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a ticket is in its life, and the only moves allowed from each place. The moves live here, in
 * one table, so no caller can invent a transition.
 *
 * <p>Two kinds of move: the {@linkplain #allowedMoves() ordinary moves} of the contract, which anyone
 * with the right role may ask for ({@code POST /tickets/{id}/transitions}), and the one
 * {@linkplain #reopensTo() reopen move} out of a closed status, which only a new escalation of the
 * same conversation makes. So for the transitions route a closed ticket stays final (409), while a
 * customer who asks for a person again gets their one ticket back in the queue.
 */
public enum TicketStatus {
    OPEN_AI_HANDLING,
    PENDING_HUMAN_ASSIGNMENT,
    ACTIVE_HUMAN_CHAT,
    CLOSED_RESOLVED,
    CLOSED_BY_CLIENT;

    /** How a ticket gets from one status to another. */
    public enum MoveKind {
        /** One of the contract's moves: made on request (transitions, claim, escalation, close). */
        ORDINARY,
        /** Out of a closed status back into the human queue: made only by a new escalation. */
        REOPEN
    }

    /** The statuses this one may move to by an ordinary move; empty for the closed ones (closed is final for them). */
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

    /** The status a closed ticket reopens into (the human queue); empty for a ticket that is not closed. */
    public Optional<TicketStatus> reopensTo() {
        return isClosed() ? Optional.of(PENDING_HUMAN_ASSIGNMENT) : Optional.empty();
    }

    /** The kind of the move from here to {@code target}, or empty when there is no such move. */
    public Optional<MoveKind> moveKindTo(TicketStatus target) {
        if (canMoveTo(target)) {
            return Optional.of(MoveKind.ORDINARY);
        }
        return reopensTo().filter(target::equals).map(reopened -> MoveKind.REOPEN);
    }

    /**
     * Whether people hold the conversation, so the assistant stays silent: waiting for a person
     * ({@code PENDING_HUMAN_ASSIGNMENT}) or with one ({@code ACTIVE_HUMAN_CHAT}). The AI's own ticket and
     * a closed one leave the answers to the assistant.
     */
    public boolean isWithPeople() {
        return this == PENDING_HUMAN_ASSIGNMENT || this == ACTIVE_HUMAN_CHAT;
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
