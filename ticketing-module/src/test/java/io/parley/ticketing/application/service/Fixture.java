package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationView;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.ticketing.domain.TicketStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Values the service unit tests share: callers, conversations, and tickets in each status. */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Caller ALICE = Caller.authenticated("alice", Set.of(Role.USER), null, null);
    static final Caller AGENT = Caller.authenticated("bob", Set.of(Role.AGENT), null, null);
    static final Caller ADMIN = Caller.authenticated("root", Set.of(Role.ADMIN), null, null);
    static final Caller AI = Caller.authenticated("assistant", Set.of(Role.SERVICE), null, null);

    private Fixture() {
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static ConversationView conversation(UUID id, UUID ownerId, String status, String summary) {
        return new ConversationView(id, "session-" + id, ownerId, ownerId == null ? null : "alice", "web", "en-US", status, summary,
                3, NOW.minusSeconds(600), NOW.minusSeconds(60), "closed".equals(status) ? NOW.minusSeconds(30) : null);
    }

    static Ticket ticket(UUID conversationId, TicketStatus status) {
        Ticket ticket = Ticket.open(UUID.randomUUID(), new TicketNumber(1042), conversationId, UUID.randomUUID(), Priority.NORMAL, null,
                Map.of(), Ticket.Move.by("service:ai", null, NOW.minusSeconds(300), UUID.randomUUID())).ticket();
        return switch (status) {
            case OPEN_AI_HANDLING -> ticket;
            case PENDING_HUMAN_ASSIGNMENT -> move(ticket, TicketStatus.PENDING_HUMAN_ASSIGNMENT);
            case ACTIVE_HUMAN_CHAT -> move(move(ticket, TicketStatus.PENDING_HUMAN_ASSIGNMENT), TicketStatus.ACTIVE_HUMAN_CHAT);
            case CLOSED_RESOLVED -> move(ticket, TicketStatus.CLOSED_RESOLVED);
            case CLOSED_BY_CLIENT -> move(ticket, TicketStatus.CLOSED_BY_CLIENT);
        };
    }

    static Handoff handoff(Ticket ticket) {
        return Handoff.queue(UUID.randomUUID(), ticket.id(), ticket.conversationId(), HelpdeskKind.INTERNAL, "help", NOW.minusSeconds(200));
    }

    private static Ticket move(Ticket ticket, TicketStatus to) {
        return ticket.moveTo(to, Ticket.Move.by("setup", "setup", NOW.minusSeconds(200), UUID.randomUUID()).assigning(UUID.randomUUID())).ticket();
    }
}
