package io.parley.ticketing.domain;

import io.parley.kernel.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.parley.ticketing.domain.TicketStatus.ACTIVE_HUMAN_CHAT;
import static io.parley.ticketing.domain.TicketStatus.CLOSED_BY_CLIENT;
import static io.parley.ticketing.domain.TicketStatus.CLOSED_RESOLVED;
import static io.parley.ticketing.domain.TicketStatus.OPEN_AI_HANDLING;
import static io.parley.ticketing.domain.TicketStatus.PENDING_HUMAN_ASSIGNMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aggregate: what every move stamps, what it refuses, and optimistic locking. */
class TicketTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final UUID AGENT = UUID.randomUUID();

    @Test
    void a_ticket_is_born_open_for_the_AI_with_a_first_event_from_nowhere() {
        UUID id = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        Ticket.Change opened = Ticket.open(id, new TicketNumber(1042), conversation, client, null, "  ", Map.of("k", "v"),
                Ticket.Move.by("service:ai", null, T0, eventId));

        Ticket ticket = opened.ticket();
        assertEquals(OPEN_AI_HANDLING, ticket.status());
        assertEquals(Priority.NORMAL, ticket.priority(), "normal unless told");
        assertNull(ticket.description(), "blank is no description");
        assertEquals(0, ticket.version());
        assertEquals(T0, ticket.openedAt());
        assertEquals(T0, ticket.updatedAt());
        assertNull(ticket.assigneeId());
        assertEquals("T-1042", ticket.number().toString());
        assertEquals(new TicketEvent(eventId, id, null, OPEN_AI_HANDLING, "service:ai", null, T0), opened.event());
        assertFalse(opened.escalated());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("io.parley.ticketing.domain.TicketStatusTest#everyPair")
    void every_allowed_move_is_made_with_its_event_and_every_other_one_is_a_conflict(TicketStatus from, TicketStatus to) {
        Ticket ticket = in(from);
        UUID eventId = UUID.randomUUID();
        Ticket.Move move = Ticket.Move.by("agent:bob", "why", T1, eventId).assigning(AGENT);

        if (!TicketStatusTest.ALLOWED.contains(from + ">" + to)) {
            ConflictException conflict = assertThrows(ConflictException.class, () -> ticket.moveTo(to, move));
            assertEquals(from.wireValue(), conflict.details().get("current_status"));
            assertEquals(ticket.version(), conflict.details().get("current_version"));
            return;
        }
        Ticket.Change change = ticket.moveTo(to, move);
        Ticket next = change.ticket();
        assertEquals(to, next.status());
        assertEquals(ticket.version() + 1, next.version());
        assertEquals(T1, next.updatedAt());
        assertEquals(new TicketEvent(eventId, ticket.id(), from, to, "agent:bob", "why", T1), change.event());
        assertEquals(to.isClosed() ? T1 : null, next.closedAt());
        if (to == ACTIVE_HUMAN_CHAT) {
            assertEquals(AGENT, next.assigneeId());
            assertEquals(T1, next.assignedAt());
        } else if (from == ACTIVE_HUMAN_CHAT && to == PENDING_HUMAN_ASSIGNMENT) {
            assertNull(next.assigneeId());
            assertNull(next.assignedAt());
        } else {
            assertEquals(ticket.assigneeId(), next.assigneeId());
            assertEquals(ticket.assignedAt(), next.assignedAt());
        }
        assertEquals(from == OPEN_AI_HANDLING && to == PENDING_HUMAN_ASSIGNMENT, change.escalated());
        assertEquals(to.isClosed(), change.closed());
        assertEquals(ticket.openedAt(), next.openedAt(), "opened_at never moves");
    }

    @Test
    void the_escalation_keeps_the_reason_and_the_conversations_summary_of_that_moment() {
        Ticket open = in(OPEN_AI_HANDLING);

        Ticket escalated = open.moveTo(PENDING_HUMAN_ASSIGNMENT,
                Ticket.Move.by("user:a", "cannot log in", T1, UUID.randomUUID()).withSummary("Login fails since Monday")).ticket();

        assertEquals("cannot log in", escalated.escalationReason());
        assertEquals("Login fails since Monday", escalated.initialSummary());
        Ticket released = escalated.moveTo(ACTIVE_HUMAN_CHAT, Ticket.Move.by("agent:b", null, T1, UUID.randomUUID()).assigning(AGENT)).ticket()
                .moveTo(PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("agent:b", "shift over", T1, UUID.randomUUID()).withSummary("later summary")).ticket();
        assertEquals("cannot log in", released.escalationReason(), "a release is not an escalation");
        assertEquals("Login fails since Monday", released.initialSummary());
    }

    @Test
    void an_escalation_without_a_summary_keeps_none() {
        Ticket escalated = in(OPEN_AI_HANDLING).moveTo(PENDING_HUMAN_ASSIGNMENT,
                Ticket.Move.by("user:a", "r", T1, UUID.randomUUID()).withSummary("  ")).ticket();
        assertNull(escalated.initialSummary());
    }

    @Test
    void a_closed_ticket_reopens_into_the_queue_unassigned_with_the_new_reason_and_its_history_event() {
        Ticket active = in(ACTIVE_HUMAN_CHAT);
        Ticket closed = active.moveTo(CLOSED_RESOLVED, Ticket.Move.by("agent:b", "fixed", T1, UUID.randomUUID())).ticket();
        assertEquals(active.assigneeId(), closed.assigneeId(), "closing keeps who worked it");
        UUID eventId = UUID.randomUUID();
        Instant t2 = T1.plusSeconds(3600);

        Ticket.Change reopen = closed.reopen(Ticket.Move.by("guest", "it broke again", t2, eventId));

        Ticket next = reopen.ticket();
        assertEquals(PENDING_HUMAN_ASSIGNMENT, next.status());
        assertNull(next.closedAt());
        assertNull(next.assigneeId());
        assertNull(next.assignedAt());
        assertEquals("it broke again", next.escalationReason());
        assertEquals(closed.initialSummary(), next.initialSummary());
        assertEquals(closed.priority(), next.priority());
        assertEquals(closed.description(), next.description());
        assertEquals(closed.openedAt(), next.openedAt());
        assertEquals(closed.version() + 1, next.version());
        assertEquals(t2, next.updatedAt());
        assertEquals(new TicketEvent(eventId, closed.id(), CLOSED_RESOLVED, PENDING_HUMAN_ASSIGNMENT, "guest", "it broke again", t2), reopen.event());
        assertTrue(reopen.reopened());
        assertTrue(reopen.queuesHandoff());
        assertFalse(reopen.escalated());
        assertFalse(reopen.closed());

        Ticket.Change byClient = in(CLOSED_BY_CLIENT).reopen(Ticket.Move.by("user:a", null, t2, UUID.randomUUID()));
        assertEquals(PENDING_HUMAN_ASSIGNMENT, byClient.ticket().status());
        assertEquals(CLOSED_BY_CLIENT, byClient.event().from());
    }

    @ParameterizedTest
    @MethodSource("openStatuses")
    void only_a_closed_ticket_can_be_reopened(TicketStatus open) {
        Ticket ticket = in(open);
        ConflictException conflict = assertThrows(ConflictException.class,
                () -> ticket.reopen(Ticket.Move.by("user:a", "again", T1, UUID.randomUUID())));
        assertEquals(open.wireValue(), conflict.details().get("current_status"));
    }

    static Stream<TicketStatus> openStatuses() {
        return Stream.of(OPEN_AI_HANDLING, PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT);
    }

    @Test
    void the_ordinary_moves_queue_a_handoff_only_on_the_escalation() {
        assertTrue(in(OPEN_AI_HANDLING).moveTo(PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("a", "r", T1, UUID.randomUUID())).queuesHandoff());
        assertFalse(in(ACTIVE_HUMAN_CHAT).moveTo(PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("a", "r", T1, UUID.randomUUID())).queuesHandoff(),
                "a release is no new handoff");
        assertFalse(in(PENDING_HUMAN_ASSIGNMENT).moveTo(CLOSED_BY_CLIENT, Ticket.Move.by("a", "r", T1, UUID.randomUUID())).queuesHandoff());
    }

    @Test
    void entering_the_human_chat_needs_an_assignee() {
        Ticket pending = in(PENDING_HUMAN_ASSIGNMENT);
        assertThrows(IllegalArgumentException.class,
                () -> pending.moveTo(ACTIVE_HUMAN_CHAT, Ticket.Move.by("agent:b", null, T1, UUID.randomUUID())));
    }

    @Test
    void edits_bump_the_version_keep_absent_fields_and_are_refused_once_closed() {
        Ticket ticket = in(PENDING_HUMAN_ASSIGNMENT);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("nullable", null);

        Ticket edited = ticket.edit(Priority.URGENT, null, metadata, T1);
        assertEquals(Priority.URGENT, edited.priority());
        assertEquals(ticket.description(), edited.description());
        assertEquals(metadata, edited.metadata(), "JSON nulls survive");
        assertEquals(ticket.version() + 1, edited.version());
        assertEquals(T1, edited.updatedAt());
        assertEquals(ticket.status(), edited.status());
        assertNull(edited.edit(null, "", null, T1).description(), "an empty description clears it");

        Ticket closed = in(CLOSED_RESOLVED);
        ConflictException conflict = assertThrows(ConflictException.class, () -> closed.edit(Priority.LOW, null, null, T1));
        assertEquals("CLOSED_RESOLVED", conflict.details().get("current_status"));
    }

    @Test
    void a_stale_version_is_a_conflict_naming_the_current_one() {
        Ticket ticket = in(ACTIVE_HUMAN_CHAT);
        ticket.requireVersion(null);
        ticket.requireVersion(ticket.version());
        ConflictException conflict = assertThrows(ConflictException.class, () -> ticket.requireVersion(ticket.version() - 1));
        assertEquals(Map.of("current_version", ticket.version()), conflict.details());
        assertThrows(ConflictException.class, () -> ticket.requireVersion(ticket.version() + 1));
    }

    @Test
    void the_invariants_of_the_table_hold_in_the_aggregate() {
        Ticket active = in(ACTIVE_HUMAN_CHAT);
        assertThrows(IllegalArgumentException.class, () -> new Ticket(active.id(), active.number(), null, null, null, ACTIVE_HUMAN_CHAT,
                Priority.LOW, null, null, null, null, 1, T0, null, null, T0));
        assertThrows(IllegalArgumentException.class, () -> new Ticket(active.id(), active.number(), null, null, null, CLOSED_BY_CLIENT,
                Priority.LOW, null, null, null, null, 1, T0, null, null, T0));
        assertThrows(IllegalArgumentException.class, () -> new Ticket(active.id(), active.number(), null, null, null, PENDING_HUMAN_ASSIGNMENT,
                Priority.LOW, null, null, null, null, 1, T0, null, T0, T0));
        assertThrows(IllegalArgumentException.class, () -> new TicketNumber(0));
        assertTrue(in(CLOSED_BY_CLIENT).isClosed());
    }

    @Test
    void a_tickets_changes_are_strictly_later_than_the_previous_one_even_when_the_clock_is_not() {
        Ticket.Change opened = Ticket.open(UUID.randomUUID(), new TicketNumber(9), null, null, null, null, null,
                Ticket.Move.by("user:a", null, T1, UUID.randomUUID()));
        Ticket.Change escalated = opened.ticket().moveTo(PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("user:a", "r", T1, UUID.randomUUID()));
        Ticket edited = escalated.ticket().edit(Priority.LOW, null, null, T1);
        Ticket.Change claimed = edited.moveTo(ACTIVE_HUMAN_CHAT, Ticket.Move.by("agent:b", null, T0, UUID.randomUUID()).assigning(AGENT));

        assertEquals(T1, opened.event().at());
        assertEquals(T1.plusNanos(1_000), escalated.event().at(), "same clock reading: one microsecond later");
        assertEquals(T1.plusNanos(2_000), edited.updatedAt());
        assertEquals(T1.plusNanos(3_000), claimed.event().at(), "a clock running back is not followed");
        assertEquals(claimed.event().at(), claimed.ticket().assignedAt());
        assertEquals(claimed.event().at(), claimed.ticket().updatedAt());
    }

    @Test
    void the_move_helpers_only_add_what_they_name() {
        UUID eventId = UUID.randomUUID();
        Ticket.Move move = Ticket.Move.by("a", "r", T0, eventId);
        assertSame(null, move.assigneeId());
        assertEquals(new Ticket.Move("a", "r", AGENT, "s", T0, eventId), move.assigning(AGENT).withSummary("s"));
    }

    /** A ticket in {@code status}, reached by the moves the domain allows. */
    static Ticket in(TicketStatus status) {
        Ticket ticket = Ticket.open(UUID.randomUUID(), new TicketNumber(7), UUID.randomUUID(), UUID.randomUUID(), Priority.HIGH,
                "desc", Map.of(), Ticket.Move.by("service:ai", null, T0, UUID.randomUUID())).ticket();
        return switch (status) {
            case OPEN_AI_HANDLING -> ticket;
            case PENDING_HUMAN_ASSIGNMENT -> step(ticket, PENDING_HUMAN_ASSIGNMENT);
            case ACTIVE_HUMAN_CHAT -> step(step(ticket, PENDING_HUMAN_ASSIGNMENT), ACTIVE_HUMAN_CHAT);
            case CLOSED_RESOLVED -> step(ticket, CLOSED_RESOLVED);
            case CLOSED_BY_CLIENT -> step(ticket, CLOSED_BY_CLIENT);
        };
    }

    private static Ticket step(Ticket ticket, TicketStatus to) {
        return ticket.moveTo(to, Ticket.Move.by("setup", null, T0, UUID.randomUUID()).assigning(UUID.randomUUID())).ticket();
    }
}
