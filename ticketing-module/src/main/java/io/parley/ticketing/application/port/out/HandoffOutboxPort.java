package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.Handoff;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The handoff outbox: rows written with the escalation, claimed and settled by the dispatcher. */
public interface HandoffOutboxPort {

    /** Stores a new handoff unless its ticket already has one (a ticket is handed off once). */
    void enqueue(Handoff handoff);

    /**
     * Stores the handoff of a reopened ticket in place of its earlier one (whatever that came to):
     * queued afresh under its new id, so a dispatcher still holding the old attempt cannot settle it,
     * and the helpdesk sees a new delivery (a new idempotency key).
     */
    void requeue(Handoff handoff);

    /**
     * Claims up to {@code limit} pending handoffs due at {@code now} that no other dispatcher holds,
     * in one statement: each one's attempt counter goes up and it is leased until {@code leaseUntil}
     * (a dispatcher that dies mid-delivery leaves it to be retried then).
     *
     * @return the claimed handoffs, {@code attempts} counting the attempt about to be made
     */
    List<Handoff> claimDue(Instant now, int limit, Instant leaseUntil);

    /**
     * Stores the outcome of an attempt, unless the handoff moved on meanwhile (settled by its
     * ticket closing, or claimed again after the lease ran out).
     *
     * @return true when stored
     */
    boolean recordAttempt(Handoff afterAttempt);

    /** The ticket closed: its handoff, unless failed, is resolved. */
    void settleForClosedTicket(UUID ticketId, Instant at);
}
