package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.Cursor;
import io.parley.kernel.Page;
import io.parley.kernel.PageRequest;
import io.parley.kernel.Validation;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Agents and admins list tickets, newest {@code opened_at} first, optionally by status and assignee. */
public interface ListTicketsUseCase {

    Page<Ticket> list(ListTicketsQuery query);

    /**
     * @param statuses empty = every status
     * @param assignee who the tickets are assigned to, if filtered
     * @param after the keyset position of the previous page's last ticket, or null for the first page
     */
    record ListTicketsQuery(Caller caller, Set<TicketStatus> statuses, AssigneeFilter assignee, int limit, Position after) {

        public ListTicketsQuery {
            Objects.requireNonNull(caller, "caller");
            statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        }

        /**
         * @param rawStatus one status or several separated by commas
         * @param rawAssignee a user id, or {@code me} for the caller
         */
        public static ListTicketsQuery of(Caller caller, String rawStatus, String rawAssignee, String rawLimit, String rawCursor) {
            Validation validation = Validation.check();
            Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
            if (rawStatus != null && !rawStatus.isBlank()) {
                for (String part : rawStatus.split(",", -1)) {
                    TicketStatus status = TicketStatus.fromWire(part.trim()).orElse(null);
                    validation.require(status != null, "status", "must be one or more (comma-separated) of OPEN_AI_HANDLING, "
                            + "PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT, CLOSED_RESOLVED, CLOSED_BY_CLIENT");
                    if (status == null) {
                        break;
                    }
                    statuses.add(status);
                }
            }
            AssigneeFilter assignee = null;
            if (rawAssignee != null && !rawAssignee.isBlank()) {
                if ("me".equals(rawAssignee.trim())) {
                    assignee = AssigneeFilter.ME;
                } else {
                    UUID id = Uuids.parseOrNull(rawAssignee.trim());
                    validation.require(id != null, "assignee_id", "must be a user id (UUID) or \"me\"");
                    assignee = id == null ? null : new AssigneeFilter(id);
                }
            }
            PageRequest page = null;
            try {
                page = PageRequest.of(rawLimit, rawCursor);
            } catch (io.parley.kernel.RuleViolationException e) {
                e.errors().forEach(error -> validation.require(false, error.field(), error.message()));
            }
            Position after = page == null || page.cursor() == null ? null : Position.from(page.cursor());
            validation.require(page == null || page.cursor() == null || after != null, "cursor", "is not a cursor this service issued");
            validation.throwIfInvalid();
            return new ListTicketsQuery(caller, statuses, assignee, page.limit(), after);
        }
    }

    /** A user id, or {@link #ME} (the caller, resolved by the service). */
    record AssigneeFilter(UUID userId) {
        public static final AssigneeFilter ME = new AssigneeFilter(null);

        public boolean isCaller() {
            return userId == null;
        }
    }

    /** Keyset position in the newest-first order: the {@code opened_at} and id of a ticket. */
    record Position(Instant openedAt, UUID id) {

        public static Position of(Ticket ticket) {
            return new Position(ticket.openedAt(), ticket.id());
        }

        public Cursor cursor() {
            return Cursor.of(openedAt, id);
        }

        static Position from(Cursor cursor) {
            if (cursor.values().size() != 2) {
                return null;
            }
            try {
                return new Position(Instant.parse(cursor.value(0)), UUID.fromString(cursor.value(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return null;
            }
        }
    }
}
