package io.parley.ticketing;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.WhoAnswers;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static io.parley.ticketing.EscalationWebTest.event;
import static io.parley.ticketing.EscalationWebTest.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, ticketing side, over real PostgreSQL: who answers a conversation (the {@link WhoAnswers}
 * port the chat turn calls inside its transaction), the reopen of a closed ticket by a new escalation
 * (also under concurrency), and the handoff status of Parley's own queue as every path reports it.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class LiveHandoffWebTest extends WebTest {

    static final String PENDING = "PENDING_HUMAN_ASSIGNMENT";
    static final String ACTIVE = "ACTIVE_HUMAN_CHAT";

    @Inject
    WhoAnswers whoAnswers;
    @Inject
    Escalation escalationPort;
    @Inject
    DispatchHandoffsUseCase dispatcher;
    @Inject
    TransactionOperations<Connection> transactions;
    TicketingApi api;

    @BeforeEach
    void client() {
        api = new TicketingApi(http);
    }

    // --- who answers -----------------------------------------------------------------------

    @Test
    void without_a_ticket_or_with_the_AIs_own_the_assistant_answers() {
        var conversation = Fixtures.conversation("live-none");
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()));
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(UUID.randomUUID()), "an unknown conversation has no ticket");

        assertEquals(201, api.open(conversation.id(), TicketingApi.AI, object()).status());
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()), "OPEN_AI_HANDLING is still the assistant's");
    }

    @Test
    void while_the_ticket_waits_for_or_is_with_a_person_a_person_answers_and_the_handoff_is_the_one_GET_shows() {
        var conversation = Fixtures.conversation("live-held");
        String owner = TestTokens.user("live-held");
        var ticket = api.escalate(conversation.id(), owner, "I need a person").map();

        WhoAnswers.Person waiting = assertInstanceOf(WhoAnswers.Person.class, whoAnswers.answererOf(conversation.id()));
        assertEquals(new WhoAnswers.HandoffView(true, "I need a person", "internal", UUID.fromString((String) ticket.get("id")),
                (String) ticket.get("number"), "pending"), waiting.handoff());
        assertEquals(handoffObject(api.handoffOf(conversation.id(), owner).map()), asObject(waiting.handoff()));

        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("live-held-agent"), ACTIVE).status());

        WhoAnswers.Person active = assertInstanceOf(WhoAnswers.Person.class, whoAnswers.answererOf(conversation.id()));
        assertEquals("routed", active.handoff().status());
        assertEquals(handoffObject(api.handoffOf(conversation.id(), owner).map()), asObject(active.handoff()));
    }

    @Test
    void once_the_ticket_is_closed_the_assistant_answers_again() {
        for (String closing : List.of("CLOSED_RESOLVED", "CLOSED_BY_CLIENT")) {
            var conversation = Fixtures.conversation("live-closed");
            var ticket = api.escalate(conversation.id(), TestTokens.user("live-closed"), "help").map();
            String agent = TicketingApi.agent("live-closed-agent");
            assertEquals(200, api.move(ticket.get("id"), agent, ACTIVE).status());
            assertEquals(200, api.move(ticket.get("id"), agent, closing).status());

            assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()), closing);
        }
    }

    @Test
    void the_answer_is_read_in_the_callers_transaction_not_a_new_one() {
        var conversation = Fixtures.conversation(null);
        Caller guest = Caller.guest(conversation.sessionId());

        Object seenInside = transactions.executeWrite(status -> {
            escalationPort.escalate(conversation.id(), guest, "a person please");
            assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()),
                    "not committed: no other connection sees the ticket yet");
            WhoAnswers.Answerer answerer = whoAnswers.answererOf(conversation.id());
            status.setRollbackOnly();
            return answerer;
        });

        assertInstanceOf(WhoAnswers.Person.class, seenInside, "the port saw the uncommitted ticket: it joined the caller's transaction");
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()), "rolled back with the caller's transaction");
    }

    // --- the reopen ------------------------------------------------------------------------

    @Test
    void a_new_escalation_reopens_the_closed_ticket_with_its_history_and_cleared_fields() {
        var conversation = Fixtures.conversation("live-reopen");
        String owner = TestTokens.user("live-reopen");
        var ticket = api.escalate(conversation.id(), owner, "first problem").map();
        String agent = TicketingApi.agent("live-reopen-agent");
        assertEquals(200, api.move(ticket.get("id"), agent, ACTIVE).status());
        var closed = api.transition(ticket.get("id"), agent, object("to", "CLOSED_RESOLVED", "reason", "fixed")).map();
        assertTrue(closed.get("assignee_id") != null && closed.get("closed_at") != null, closed::toString);
        UUID firstHandoff = handoffId(conversation.id());

        var reopened = api.escalate(conversation.id(), owner, "it broke again");

        assertEquals(201, reopened.status(), reopened::toString);
        var again = reopened.map();
        assertEquals(ticket.get("id"), again.get("id"), "the same ticket");
        assertEquals(ticket.get("number"), again.get("number"));
        assertEquals(PENDING, again.get("status"));
        assertNull(again.get("closed_at"));
        assertNull(again.get("assignee_id"));
        assertNull(again.get("assigned_at"));
        assertEquals("it broke again", again.get("escalation_reason"));
        assertEquals(((Number) closed.get("version")).longValue() + 1, ((Number) again.get("version")).longValue());
        var history = api.history(ticket.get("id"), owner).items();
        assertEquals(event("CLOSED_RESOLVED", PENDING, "user:live-reopen", "it broke again"), withoutTimes(history).get(history.size() - 1));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?", conversation.id()));
        assertNotEquals(firstHandoff, handoffId(conversation.id()), "handed off afresh: a new handoff, a new idempotency key");
        var handoff = api.handoffOf(conversation.id(), owner).map();
        assertEquals("pending", handoff.get("status"));
        assertEquals("it broke again", handoff.get("reason"));
        assertEquals(0, ((Number) handoff.get("attempts")).intValue());
        assertInstanceOf(WhoAnswers.Person.class, whoAnswers.answererOf(conversation.id()));

        var repeat = api.escalate(conversation.id(), owner, "hello?");
        assertEquals(200, repeat.status(), "already back in the queue: nothing changes");
        assertEquals(history.size(), api.history(ticket.get("id"), owner).items().size());
    }

    @Test
    void the_chat_turns_escalation_port_reopens_too_and_reports_the_same_status() {
        var conversation = Fixtures.conversation(null);
        Caller guest = Caller.guest(conversation.sessionId());
        var first = escalationPort.escalate(conversation.id(), guest, "low confidence");
        assertEquals(200, api.transitionSession(conversation.sessionId(), object("to", "CLOSED_BY_CLIENT")).status());

        var reopened = escalationPort.escalate(conversation.id(), guest, "still no answer");

        assertTrue(reopened.created());
        assertEquals(first.ticketId(), reopened.ticketId());
        assertEquals(PENDING, reopened.ticketStatus());
        assertEquals("pending", reopened.handoffStatus());
        assertEquals("internal", reopened.provider());
        assertEquals("pending", api.handoffOfSession(conversation.sessionId()).field("status"));
        assertEquals("CLOSED_BY_CLIENT", api.history(first.ticketId(), TicketingApi.ADMIN).items().get(3).get("from"));
    }

    @Test
    void the_transitions_route_never_moves_a_closed_ticket_not_even_back_into_the_queue() {
        var conversation = Fixtures.conversation("live-final");
        var ticket = api.escalate(conversation.id(), TestTokens.user("live-final"), "help").map();
        String agent = TicketingApi.agent("live-final-agent");
        assertEquals(200, api.move(ticket.get("id"), agent, "CLOSED_BY_CLIENT").status());

        for (String to : List.of(PENDING, ACTIVE, "OPEN_AI_HANDLING", "CLOSED_RESOLVED", "CLOSED_BY_CLIENT")) {
            for (String caller : List.of(agent, TicketingApi.ADMIN)) {
                var conflict = assertProblem(api.transition(ticket.get("id"), caller, object("to", to, "reason", "reopen it")), 409);
                assertEquals("CLOSED_BY_CLIENT", conflict.get("current_status"), to);
            }
        }
        assertEquals("CLOSED_BY_CLIENT", api.get(ticket.get("id"), agent).field("status"));
    }

    @Test
    void concurrent_escalations_of_a_closed_ticket_reopen_it_once() {
        var conversation = Fixtures.conversation("live-race");
        String owner = TestTokens.user("live-race");
        var ticket = api.escalate(conversation.id(), owner, "first").map();
        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("live-race-agent"), "CLOSED_BY_CLIENT").status());
        Caller ownerCaller = Caller.authenticated("live-race", java.util.Set.of(io.parley.kernel.Role.USER), null, null);

        // half through HTTP (POST .../escalate), half through the chat turn's port, all at once
        List<Boolean> created = Concurrently.run(20, i -> i % 2 == 0
                ? api.escalate(conversation.id(), owner, "again " + i).status() == 201
                : escalationPort.escalate(conversation.id(), ownerCaller, "again " + i).created());

        assertEquals(1, created.stream().filter(c -> c).count(), created::toString);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?", conversation.id()));
        assertEquals(List.of("OPEN_AI_HANDLING", PENDING, "CLOSED_BY_CLIENT", PENDING),
                api.history(ticket.get("id"), owner).items().stream().map(i -> i.get("to")).toList());
        assertEquals(PENDING, api.get(ticket.get("id"), owner).field("status"));
    }

    // --- the handoff status of Parley's own queue, as every path reports it -----------------

    @Test
    void the_internal_queue_is_pending_until_an_agent_takes_it_routed_then_resolved_and_pending_again_when_reopened() {
        TicketingApi.emptyTheOutbox();
        var conversation = Fixtures.conversation(null);
        String session = conversation.sessionId();
        Caller guest = Caller.guest(session);
        var ticket = api.escalateSession(session, "a person please").map();
        Object ticketId = ticket.get("id");
        assertStatus("pending", conversation.id(), session);

        assertEquals(1, dispatcher.dispatchDue().delivered());
        assertStatus("pending", conversation.id(), session);
        assertEquals(0, dispatcher.dispatchDue().claimed(), "Parley's queue has it: nothing is left to deliver");

        assertEquals(200, api.move(ticketId, TicketingApi.agent("live-ada"), ACTIVE).status());
        assertStatus("routed", conversation.id(), session);
        assertEquals("routed", escalationPort.escalate(conversation.id(), guest, "hello?").handoffStatus(), "the chat turn's path");

        assertEquals(200, api.move(ticketId, TicketingApi.agent("live-ada"), PENDING).status());
        assertStatus("pending", conversation.id(), session);
        assertEquals(200, api.move(ticketId, TicketingApi.agent("live-ada"), ACTIVE).status());

        assertEquals(200, api.move(ticketId, TicketingApi.agent("live-ada"), "CLOSED_RESOLVED").status());
        assertEquals("resolved", api.handoffOfSession(session).field("status"));
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()));

        var reopened = escalationPort.escalate(conversation.id(), guest, "it is broken again");
        assertEquals("pending", reopened.handoffStatus());
        assertStatus("pending", conversation.id(), session);
        assertEquals(1, dispatcher.dispatchDue().delivered(), "the reopened ticket is handed off again");
        assertStatus("pending", conversation.id(), session);
    }

    @Test
    void the_chat_response_shows_the_status_GET_handoff_shows() {
        var turn = api.http().post("/api/v1/chat", null, object("message", "Can I talk to a human?"));
        assertEquals(200, turn.status(), turn::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> handoff = (Map<String, Object>) turn.field("handoff");
        String session = (String) turn.field("session_id");

        var read = api.handoffOfSession(session);

        assertEquals(200, read.status(), read::toString);
        assertEquals("pending", handoff.get("status"));
        assertEquals(handoffObject(read.map()), handoffObject(handoff));
    }

    /** The same status through GET .../handoff (guest and admin) and the {@link WhoAnswers} view. */
    private void assertStatus(String expected, UUID conversationId, String session) {
        assertEquals(expected, api.handoffOfSession(session).field("status"));
        assertEquals(expected, api.handoffOf(conversationId, TicketingApi.ADMIN).field("status"));
        WhoAnswers.Person person = assertInstanceOf(WhoAnswers.Person.class, whoAnswers.answererOf(conversationId));
        assertEquals(expected, person.handoff().status());
    }

    /** The members the chat response's handoff object has. */
    static Map<String, Object> handoffObject(Map<String, Object> handoff) {
        var members = List.of("recommended", "reason", "provider", "ticket_id", "ticket_number", "status");
        assertTrue(handoff.keySet().containsAll(members), handoff::toString);
        Map<String, Object> picked = new java.util.HashMap<>();
        members.forEach(member -> picked.put(member, handoff.get(member)));
        return picked;
    }

    static Map<String, Object> asObject(WhoAnswers.HandoffView view) {
        Map<String, Object> object = new java.util.HashMap<>();
        object.put("recommended", view.recommended());
        object.put("reason", view.reason());
        object.put("provider", view.provider());
        object.put("ticket_id", view.ticketId().toString());
        object.put("ticket_number", view.ticketNumber());
        object.put("status", view.status());
        return object;
    }

    static UUID handoffId(UUID conversationId) {
        return Fixtures.queryUuid("SELECT id FROM ticketing.handoffs WHERE conversation_id = ?", conversationId);
    }
}
