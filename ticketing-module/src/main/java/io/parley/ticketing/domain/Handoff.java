package io.parley.ticketing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The handing of a ticket to a helpdesk, kept as a transactional outbox row: written with the
 * escalation, delivered later by the dispatcher. {@code attempts} counts the attempts started
 * (the dispatcher counts one when it claims the row, before delivering). {@code delivery} is the
 * outbox's own state; what clients see is {@link HandoffStatus#of} it and the ticket's status.
 *
 * <p>A ticket has at most one handoff row: when a closed ticket is reopened, its row is replaced by a
 * new handoff (a new id, so a new idempotency key for the helpdesk) queued afresh.
 */
public record Handoff(
        UUID id,
        UUID ticketId,
        UUID conversationId,
        HelpdeskKind provider,
        DeliveryState delivery,
        String reason,
        String externalTicketId,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** last_error is bounded (the column allows 2000; a short line is all anyone needs). */
    public static final int MAX_ERROR = 500;

    public Handoff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(delivery, "delivery");
        if (delivery == DeliveryState.AWAITING_DELIVERY && nextAttemptAt == null) {
            throw new IllegalArgumentException("a pending handoff is scheduled");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts >= 0");
        }
    }

    /** A new outbox entry, due at once. */
    public static Handoff queue(UUID id, UUID ticketId, UUID conversationId, HelpdeskKind provider, String reason, Instant now) {
        return new Handoff(id, ticketId, conversationId, provider, DeliveryState.AWAITING_DELIVERY, reason, null, 0, now, null, now, now);
    }

    /** The state after the current attempt ({@code attempts} already counts it) ended with {@code outcome}. */
    public Handoff after(DeliveryOutcome outcome, RetryPolicy policy, Instant now) {
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            return with(delivered.state(), delivered.externalTicketId(), null, null, now);
        }
        if (outcome instanceof DeliveryOutcome.Retryable retryable) {
            String error = bounded(retryable.error());
            if (policy.exhausted(attempts)) {
                return with(DeliveryState.GAVE_UP, externalTicketId, null,
                        bounded("gave up after " + attempts + " attempts: " + retryable.error()), now);
            }
            return with(DeliveryState.AWAITING_DELIVERY, externalTicketId, policy.nextAttemptAt(attempts, now, retryable.retryAfter()), error, now);
        }
        DeliveryOutcome.Permanent permanent = (DeliveryOutcome.Permanent) outcome;
        return with(DeliveryState.GAVE_UP, externalTicketId, null, bounded(permanent.error()), now);
    }

    private Handoff with(DeliveryState newState, String externalId, Instant next, String error, Instant now) {
        return new Handoff(id, ticketId, conversationId, provider, newState, reason, externalId, attempts, next, error, createdAt, now);
    }

    private static String bounded(String error) {
        if (error == null) {
            return null;
        }
        String oneLine = error.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return oneLine.length() <= MAX_ERROR ? oneLine : oneLine.substring(0, MAX_ERROR - 1) + "…";
    }
}
