package io.parley.ticketing.domain;

import io.parley.kernel.ConflictException;
import io.parley.kernel.Text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one ticket of an escalated conversation. Immutable: every change returns the next state with
 * {@code version + 1}, and a status change also returns the history event it appends, so the two
 * are always written together.
 *
 * <p>A ticket's own clock never stands still or runs back: each change is stamped at least one
 * microsecond (PostgreSQL's resolution) after the previous one, even when the clock reads the same
 * instant (two moves in one escalation, a test clock) or an earlier one (another instance's clock).
 * So the history is ordered by time alone, and {@code assigned_at}/{@code closed_at} never precede
 * {@code opened_at}.
 *
 * <p>{@code conversationId} is null once the conversation was erased (the ticket stays, anonymised,
 * for statistics); {@code clientId} is null for a guest's conversation.
 */
public record Ticket(
        UUID id,
        TicketNumber number,
        UUID conversationId,
        UUID clientId,
        UUID assigneeId,
        TicketStatus status,
        Priority priority,
        String description,
        String escalationReason,
        String initialSummary,
        Map<String, Object> metadata,
        long version,
        Instant openedAt,
        Instant assignedAt,
        Instant closedAt,
        Instant updatedAt) {

    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_REASON = 1000;
    public static final int MAX_SUMMARY = 1000;

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        // JSON objects may hold nulls, which Map.copyOf refuses
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (status == TicketStatus.ACTIVE_HUMAN_CHAT && (assigneeId == null || assignedAt == null)) {
            throw new IllegalArgumentException("an active ticket has an assignee");
        }
        if (status.isClosed() != (closedAt != null)) {
            throw new IllegalArgumentException("closed_at is set exactly when the ticket is closed");
        }
    }

    /** A ticket is born in {@code OPEN_AI_HANDLING}; its first history event has no {@code from}. */
    public static Change open(UUID id, TicketNumber number, UUID conversationId, UUID clientId, Priority priority,
                              String description, Map<String, Object> metadata, Move move) {
        Ticket ticket = new Ticket(id, number, conversationId, clientId, null, TicketStatus.OPEN_AI_HANDLING,
                priority == null ? Priority.NORMAL : priority, blankToNull(description), null, null, metadata,
                0, move.at(), null, null, move.at());
        return new Change(ticket, new TicketEvent(move.eventId(), id, null, TicketStatus.OPEN_AI_HANDLING,
                move.actor(), move.reason(), move.at()));
    }

    /**
     * Moves to {@code target} by an ordinary move if the status machine allows it, else a 409 naming the
     * current status (a closed ticket is only ever {@linkplain #reopen reopened}).
     * Entering {@code ACTIVE_HUMAN_CHAT} assigns {@link Move#assigneeId()}; leaving it for the queue
     * (release) unassigns; closing stamps {@code closed_at}; the escalation from {@code OPEN_AI_HANDLING}
     * records the reason and the conversation's summary at that moment.
     */
    public Change moveTo(TicketStatus target, Move move) {
        Objects.requireNonNull(target, "target");
        if (!status.canMoveTo(target)) {
            throw new ConflictException("ticket " + number + " cannot move from " + status + " to " + target,
                    Map.of("current_status", status.wireValue(), "current_version", version));
        }
        Instant at = after(move.at());
        UUID nextAssignee = assigneeId;
        Instant nextAssignedAt = assignedAt;
        String nextReason = escalationReason;
        String nextSummary = initialSummary;
        if (target == TicketStatus.ACTIVE_HUMAN_CHAT) {
            if (move.assigneeId() == null) {
                throw new IllegalArgumentException("moving to ACTIVE_HUMAN_CHAT needs an assignee");
            }
            nextAssignee = move.assigneeId();
            nextAssignedAt = at;
        } else if (status == TicketStatus.ACTIVE_HUMAN_CHAT && target == TicketStatus.PENDING_HUMAN_ASSIGNMENT) {
            nextAssignee = null;
            nextAssignedAt = null;
        }
        boolean escalation = status == TicketStatus.OPEN_AI_HANDLING && target == TicketStatus.PENDING_HUMAN_ASSIGNMENT;
        if (escalation) {
            nextReason = move.reason() == null ? escalationReason : move.reason();
            nextSummary = move.conversationSummary() == null || move.conversationSummary().isBlank()
                    ? initialSummary : Text.preview(move.conversationSummary(), MAX_SUMMARY);
        }
        Ticket next = new Ticket(id, number, conversationId, clientId, nextAssignee, target, priority, description,
                nextReason, nextSummary, metadata, version + 1, openedAt, nextAssignedAt,
                target.isClosed() ? at : null, at);
        return new Change(next, new TicketEvent(move.eventId(), id, status, target, move.actor(), move.reason(), at));
    }

    /**
     * The reopen move: a closed ticket goes back into the human queue because the customer asked for
     * a person again. Not an ordinary move (see {@link TicketStatus}): only a new escalation of the
     * conversation makes it. The reason is the new escalation's; {@code closed_at} and the assignee are
     * cleared (whoever had it before may be off shift: the queue hands it out again); priority,
     * description, metadata and the initial summary stay.
     *
     * @throws ConflictException when the ticket is not closed (naming its current status)
     */
    public Change reopen(Move move) {
        TicketStatus target = status.reopensTo().orElseThrow(() -> new ConflictException(
                "ticket " + number + " is not closed: it cannot be reopened from " + status,
                Map.of("current_status", status.wireValue(), "current_version", version)));
        Instant at = after(move.at());
        String nextReason = move.reason() == null ? escalationReason : move.reason();
        Ticket next = new Ticket(id, number, conversationId, clientId, null, target, priority, description,
                nextReason, initialSummary, metadata, version + 1, openedAt, null, null, at);
        return new Change(next, new TicketEvent(move.eventId(), id, status, target, move.actor(), move.reason(), at));
    }

    /**
     * Changes the editable fields (null = keep); a closed ticket is final and refuses edits. Not a
     * status change, so no history event.
     */
    public Ticket edit(Priority newPriority, String newDescription, Map<String, Object> newMetadata, Instant at) {
        if (status.isClosed()) {
            throw new ConflictException("ticket " + number + " is closed",
                    Map.of("current_status", status.wireValue(), "current_version", version));
        }
        return new Ticket(id, number, conversationId, clientId, assigneeId, status,
                newPriority == null ? priority : newPriority,
                newDescription == null ? description : blankToNull(newDescription),
                escalationReason, initialSummary,
                newMetadata == null ? metadata : newMetadata,
                version + 1, openedAt, assignedAt, closedAt, after(at));
    }

    /** Optimistic locking: a client that read an older version may not overwrite a newer one (409 with the current version). */
    public void requireVersion(Long expected) {
        if (expected != null && expected != version) {
            throw new ConflictException("ticket " + number + " has changed: version " + expected + " is stale",
                    Map.of("current_version", version));
        }
    }

    public boolean isClosed() {
        return status.isClosed();
    }

    /** The instant of the next change: {@code requested}, or one microsecond after the last change if that is not later. */
    private Instant after(Instant requested) {
        Instant earliest = updatedAt.plus(1, ChronoUnit.MICROS);
        return requested.isBefore(earliest) ? earliest : requested;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * Who moves a ticket, why and when. {@code assigneeId} is needed to enter {@code ACTIVE_HUMAN_CHAT};
     * {@code conversationSummary} is read at escalation.
     */
    public record Move(String actor, String reason, UUID assigneeId, String conversationSummary, Instant at, UUID eventId) {

        public Move {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(eventId, "eventId");
        }

        public static Move by(String actor, String reason, Instant at, UUID eventId) {
            return new Move(actor, reason, null, null, at, eventId);
        }

        public Move assigning(UUID assignee) {
            return new Move(actor, reason, assignee, conversationSummary, at, eventId);
        }

        public Move withSummary(String summary) {
            return new Move(actor, reason, assigneeId, summary, at, eventId);
        }
    }

    /** The next state of a ticket and the history event of the move that produced it. */
    public record Change(Ticket ticket, TicketEvent event) {

        /** The move from the AI's hands to the human queue: the moment a handoff is queued. */
        public boolean escalated() {
            return event.from() == TicketStatus.OPEN_AI_HANDLING && event.to() == TicketStatus.PENDING_HUMAN_ASSIGNMENT;
        }

        /** A closed ticket back in the human queue: its handoff is queued again. */
        public boolean reopened() {
            return event.from() != null && event.from().isClosed() && event.to() == TicketStatus.PENDING_HUMAN_ASSIGNMENT;
        }

        /** The moves that hand the conversation to people, and so queue a handoff: the escalation and the reopen. */
        public boolean queuesHandoff() {
            return escalated() || reopened();
        }

        public boolean closed() {
            return event.to().isClosed();
        }
    }
}
