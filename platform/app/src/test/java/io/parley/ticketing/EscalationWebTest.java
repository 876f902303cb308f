package io.parley.ticketing;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.TicketPresence;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.testing.MutableClock;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Tickets and handoffs": escalation by the customer (user or guest), the AI's early ticket,
 * exactly one ticket per conversation also under concurrent calls, the history of the escalation,
 * the queued handoff, isolation, and bad input.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class EscalationWebTest extends WebTest {

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @Inject
    Escalation escalationPort;
    @Inject
    TicketPresence ticketPresence;
    @Inject
    DispatchHandoffsUseCase dispatcher;
    TicketingApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void client() {
        api = new TicketingApi(http);
    }

    // --- the customer escalates -------------------------------------------------------------

    @Test
    void a_user_escalates_their_conversation_into_the_human_queue() {
        var conversation = Fixtures.conversation("esc-alice");
        Fixtures.execute("UPDATE conversation.conversations SET summary = 'Refund for order 1042 not received' WHERE id = ?", conversation.id());
        Instant at = clock.instant();

        var reply = api.escalate(conversation.id(), TestTokens.user("esc-alice"), "the refund never came");

        assertEquals(201, reply.status(), reply::toString);
        var ticket = reply.map();
        assertEquals("/api/v1/tickets/" + ticket.get("id"), reply.header("Location"));
        assertTrue(((String) ticket.get("number")).matches("T-\\d+"), ticket::toString);
        assertEquals(conversation.id().toString(), ticket.get("conversation_id"));
        assertEquals(conversation.userId().toString(), ticket.get("client_id"));
        assertNull(ticket.get("assignee_id"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", ticket.get("status"));
        assertEquals("normal", ticket.get("priority"));
        assertNull(ticket.get("description"));
        assertEquals("the refund never came", ticket.get("escalation_reason"));
        assertEquals("Refund for order 1042 not received", ticket.get("initial_summary"));
        assertEquals(Map.of(), ticket.get("metadata"));
        assertEquals(1, ((Number) ticket.get("version")).intValue());
        assertEquals(TicketingApi.rfc3339(at), ticket.get("opened_at"));
        assertNull(ticket.get("assigned_at"));
        assertNull(ticket.get("closed_at"));
        assertEquals(ticket.get("opened_at"), ticket.get("updated_at"));
        for (String member : List.of("id", "number", "conversation_id", "client_id", "assignee_id", "status", "priority", "description",
                "escalation_reason", "initial_summary", "metadata", "version", "opened_at", "assigned_at", "closed_at", "updated_at")) {
            assertTrue(ticket.containsKey(member), () -> "missing " + member + ": " + ticket);
        }
    }

    @Test
    void the_history_of_an_escalation_records_the_move_from_OPEN_AI_HANDLING() {
        var conversation = Fixtures.conversation("esc-history");
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-history"), "I want a person").map();

        var history = api.history(ticket.get("id"), TestTokens.user("esc-history"));

        assertEquals(200, history.status(), history::toString);
        assertEquals(List.of(
                event(null, "OPEN_AI_HANDLING", "user:esc-history", null),
                event("OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT", "user:esc-history", "I want a person")), withoutTimes(history.items()));
        history.items().forEach(item -> assertTrue(((String) item.get("at")).endsWith("Z"), item::toString));
    }

    @Test
    void escalating_again_answers_200_with_the_same_ticket_and_changes_nothing() {
        var conversation = Fixtures.conversation("esc-repeat");
        var first = api.escalate(conversation.id(), TestTokens.user("esc-repeat"), "first").map();

        var second = api.escalate(conversation.id(), TestTokens.user("esc-repeat"), "second");

        assertEquals(200, second.status(), second::toString);
        assertEquals(first, second.map());
        assertEquals(2, api.history(first.get("id"), TicketingApi.ADMIN).items().size());
        var next = api.escalate(Fixtures.conversation("esc-repeat").id(), TestTokens.user("esc-repeat"), "another case").map();
        assertEquals(number(first) + 1, number(next), "a repeat spends no ticket number");
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?", conversation.id()));
    }

    @Test
    void twenty_concurrent_escalations_make_exactly_one_ticket() {
        var conversation = Fixtures.conversation("esc-race");
        String token = TestTokens.user("esc-race");

        List<TestHttp.Reply> replies = Concurrently.run(20, i -> api.escalate(conversation.id(), token, "race " + i));

        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(19, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
        assertEquals(1, replies.stream().map(r -> r.field("id")).distinct().count(), "one ticket id for all");
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()));
        assertEquals(2, Fixtures.queryLong("""
                SELECT count(*) FROM ticketing.ticket_events e JOIN ticketing.tickets t ON t.id = e.ticket_id
                 WHERE t.conversation_id = ?""", conversation.id()));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?", conversation.id()));
    }

    @Test
    void concurrent_escalations_of_an_AI_ticket_move_it_once() {
        var conversation = Fixtures.conversation("esc-race-ai");
        assertEquals(201, api.open(conversation.id(), TicketingApi.AI, object()).status());

        List<TestHttp.Reply> replies = Concurrently.run(20, i -> api.escalate(conversation.id(), TestTokens.user("esc-race-ai"), "race"));

        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(1, replies.stream().map(r -> r.field("id")).distinct().count());
        var ticketId = replies.get(0).field("id");
        assertEquals(List.of("OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT"),
                api.history(ticketId, TicketingApi.ADMIN).items().stream().map(i -> i.get("to")).toList());
    }

    @Test
    void a_closed_conversation_cannot_be_escalated_but_a_repeat_still_finds_its_ticket() {
        var fresh = Fixtures.conversation("esc-closed");
        Fixtures.close(fresh.id());
        var conflict = assertProblem(api.escalate(fresh.id(), TestTokens.user("esc-closed"), "too late"), 409);
        assertEquals("closed", conflict.get("conversation_status"));
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", fresh.id()));

        var escalated = Fixtures.conversation("esc-closed");
        var ticket = api.escalate(escalated.id(), TestTokens.user("esc-closed"), "in time").map();
        Fixtures.close(escalated.id());
        var repeat = api.escalate(escalated.id(), TestTokens.user("esc-closed"), "again");
        assertEquals(200, repeat.status(), repeat::toString);
        assertEquals(ticket.get("id"), repeat.field("id"));
    }

    @Test
    void a_ticket_already_with_an_agent_is_returned_as_it_is_and_a_closed_one_is_reopened() {
        var conversation = Fixtures.conversation("esc-past");
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-past"), "help").map();
        var active = api.transition(ticket.get("id"), TicketingApi.agent("esc-agent"), object("to", "ACTIVE_HUMAN_CHAT"));
        assertEquals(200, active.status(), active::toString);

        var repeat = api.escalate(conversation.id(), TestTokens.user("esc-past"), "hello?");
        assertEquals(200, repeat.status());
        assertEquals("ACTIVE_HUMAN_CHAT", repeat.field("status"));

        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("esc-agent"), "CLOSED_RESOLVED").status());
        var afterClose = api.escalate(conversation.id(), TestTokens.user("esc-past"), "it broke again");
        assertEquals(201, afterClose.status(), "issue 14: asking again reopens the same ticket");
        assertEquals(ticket.get("id"), afterClose.field("id"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", afterClose.field("status"));
    }

    @Test
    void admins_and_the_AI_service_escalate_any_conversation() {
        var forAdmin = Fixtures.conversation("esc-any-1");
        var byAdmin = api.escalate(forAdmin.id(), TicketingApi.ADMIN, "admin saw it");
        assertEquals(201, byAdmin.status(), byAdmin::toString);
        assertEquals(forAdmin.userId().toString(), byAdmin.field("client_id"), "the client is the conversation's owner, not the caller");
        assertEquals("admin:root", api.history(byAdmin.field("id"), TicketingApi.ADMIN).items().get(1).get("actor"));

        var forService = Fixtures.conversation("esc-any-2");
        var byService = api.escalate(forService.id(), TicketingApi.AI, "low confidence");
        assertEquals(201, byService.status(), byService::toString);
        assertEquals("service:assistant-backend", api.history(byService.field("id"), TicketingApi.ADMIN).items().get(1).get("actor"));
    }

    // --- guests ----------------------------------------------------------------------------

    @Test
    void a_guest_escalates_through_their_session_and_reads_the_ticket_and_handoff() {
        var conversation = Fixtures.conversation(null);

        var reply = api.escalateSession(conversation.sessionId(), "please call me");

        assertEquals(201, reply.status(), reply::toString);
        assertNull(reply.field("client_id"));
        assertEquals(conversation.id().toString(), reply.field("conversation_id"));
        assertEquals("guest", api.history(reply.field("id"), TicketingApi.ADMIN).items().get(1).get("actor"));
        var again = api.escalateSession(conversation.sessionId(), "hello?");
        assertEquals(200, again.status());

        var ticket = api.http().get("/api/v1/sessions/" + conversation.sessionId() + "/ticket", null);
        assertEquals(200, ticket.status(), ticket::toString);
        assertEquals(reply.field("id"), ticket.field("id"));
        var handoff = api.http().get("/api/v1/sessions/" + conversation.sessionId() + "/handoff", null);
        assertEquals(200, handoff.status(), handoff::toString);
        assertEquals("pending", handoff.field("status"));
    }

    @Test
    void a_session_route_knows_only_guest_sessions() {
        assertProblem(api.escalateSession(Ids.newSessionId(), "who am I"), 404);
        assertProblem(api.escalateSession("not%20a%20session", "x"), 404);
        var owned = Fixtures.conversation("esc-session-user");
        assertProblem(api.escalateSession(owned.sessionId(), "a user's conversation is not a guest's"), 404);
        assertProblem(api.http().get("/api/v1/sessions/" + owned.sessionId() + "/ticket", null), 404);
        var guest = Fixtures.conversation(null);
        assertProblem(api.http().get("/api/v1/sessions/" + guest.sessionId() + "/ticket", null), 404);
        assertProblem(api.http().get("/api/v1/sessions/" + guest.sessionId() + "/handoff", null), 404);
    }

    @Test
    void the_conversation_modules_escalation_port_opens_the_same_one_ticket() {
        var conversation = Fixtures.conversation(null);
        Caller guest = Caller.guest(conversation.sessionId());

        var first = escalationPort.escalate(conversation.id(), guest, "x".repeat(5000));
        var second = escalationPort.escalate(conversation.id(), guest, null);

        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.ticketId(), second.ticketId());
        assertTrue(first.ticketNumber().matches("T-\\d+"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", first.ticketStatus());
        assertEquals("internal", first.provider());
        assertEquals("pending", first.handoffStatus());
        assertTrue(first.reason().length() <= 1000, "an over-long assistant reason is shortened, not refused");
        assertTrue(ticketPresence.hasTicket(conversation.id()));
        assertFalse(ticketPresence.hasTicket(Fixtures.conversation(null).id()));
    }

    // --- the AI's early ticket ---------------------------------------------------------------

    @Test
    void the_AI_service_opens_a_ticket_it_still_handles_and_escalation_moves_it() {
        var conversation = Fixtures.conversation("esc-ai");
        var opened = api.open(conversation.id(), TicketingApi.AI,
                object("description", "Order 77 arrived damaged", "priority", "high", "metadata", Map.of("order", "77", "tags", List.of("damage"))));
        assertEquals(201, opened.status(), opened::toString);
        assertEquals("OPEN_AI_HANDLING", opened.field("status"));
        assertEquals("high", opened.field("priority"));
        assertEquals("Order 77 arrived damaged", opened.field("description"));
        assertEquals(Map.of("order", "77", "tags", List.of("damage")), opened.field("metadata"));
        assertEquals(0, ((Number) opened.field("version")).intValue());
        assertNull(opened.field("escalation_reason"));

        var repeat = api.open(conversation.id(), TicketingApi.AI, object("priority", "low"));
        assertEquals(200, repeat.status(), repeat::toString);
        assertEquals(opened.map(), repeat.map());

        var escalated = api.escalate(conversation.id(), TestTokens.user("esc-ai"), "the bot cannot fix it");
        assertEquals(201, escalated.status(), escalated::toString);
        assertEquals(opened.field("id"), escalated.field("id"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", escalated.field("status"));
        assertEquals("high", escalated.field("priority"), "what the AI set stays");
        assertEquals(1, ((Number) escalated.field("version")).intValue());
        assertEquals(List.of(
                event(null, "OPEN_AI_HANDLING", "service:assistant-backend", null),
                event("OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT", "user:esc-ai", "the bot cannot fix it")),
                withoutTimes(api.history(opened.field("id"), TicketingApi.ADMIN).items()));

        var afterEscalation = api.open(conversation.id(), TicketingApi.AI, object());
        assertEquals(200, afterEscalation.status());
        assertEquals("PENDING_HUMAN_ASSIGNMENT", afterEscalation.field("status"));
    }

    @Test
    void concurrent_AI_openings_make_one_ticket() {
        var conversation = Fixtures.conversation("esc-ai-race");
        List<TestHttp.Reply> replies = Concurrently.run(10, i -> api.open(conversation.id(), TicketingApi.AI, object()));
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(9, replies.stream().filter(r -> r.status() == 200).count(), replies::toString);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.ticket_events e JOIN ticketing.tickets t ON t.id = e.ticket_id WHERE t.conversation_id = ?",
                conversation.id()));
    }

    @Test
    void only_the_AI_service_and_admins_open_tickets() {
        var conversation = Fixtures.conversation("esc-open-roles");
        assertProblem(api.open(conversation.id(), TestTokens.user("esc-open-roles"), object()), 403);
        assertProblem(api.open(conversation.id(), TicketingApi.agent("esc-open-agent"), object()), 403);
        assertProblem(api.open(conversation.id(), null, object()), 401);
        assertEquals(201, api.open(conversation.id(), TicketingApi.ADMIN, object()).status());
    }

    @Test
    void the_AI_cannot_open_a_ticket_for_a_closed_conversation() {
        var conversation = Fixtures.conversation("esc-open-closed");
        Fixtures.close(conversation.id());
        assertProblem(api.open(conversation.id(), TicketingApi.AI, object()), 409);
    }

    @Test
    void opening_checks_every_field() {
        var conversation = Fixtures.conversation("esc-open-bad");
        var body = assertProblem(api.open(conversation.id(), TicketingApi.AI,
                object("priority", "critical", "description", "d".repeat(5001), "metadata", Map.of("bad", "nul\u0000"))), 422);
        assertEquals(List.of("description", "metadata", "priority"), fields(body));
        assertProblem(api.open(conversation.id(), TicketingApi.AI, object("metadata", List.of(1, 2))), 400);
        assertProblem(api.open(conversation.id(), TicketingApi.AI, object("metadata", "text")), 400);
        assertProblem(api.open(conversation.id(), TicketingApi.AI, object("metadata", Map.of("huge", "x".repeat(20_000)))), 422);
        assertProblem(api.open(conversation.id(), TicketingApi.AI, "{\"priority\": \"high\""), 400);
        assertProblem(api.open(UUID.randomUUID(), TicketingApi.AI, object()), 404);
        assertProblem(api.http().post("/api/v1/conversations/not-a-uuid/ticket", TicketingApi.AI, object()), 404);
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()), "nothing written");
        assertEquals(201, api.open(conversation.id(), TicketingApi.AI, object("priority", "urgent", "metadata", Map.of("nested", Map.of("ok", true)))).status());
    }

    // --- reading ---------------------------------------------------------------------------

    @Test
    void the_owner_reads_the_ticket_of_their_conversation_and_others_get_404() {
        var conversation = Fixtures.conversation("esc-reader");
        assertProblem(api.ticketOf(conversation.id(), TestTokens.user("esc-reader")), 404);
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-reader"), "help").map();

        var own = api.ticketOf(conversation.id(), TestTokens.user("esc-reader"));
        assertEquals(200, own.status(), own::toString);
        assertEquals(ticket, own.map());
        assertEquals(200, api.ticketOf(conversation.id(), TicketingApi.agent("esc-reader-agent")).status(), "agents see conversations with tickets");
        assertEquals(200, api.ticketOf(conversation.id(), TicketingApi.ADMIN).status());

        var stranger = TestTokens.user("esc-stranger");
        var notFound = assertProblem(api.ticketOf(conversation.id(), stranger), 404);
        var missing = assertProblem(api.ticketOf(UUID.randomUUID(), stranger), 404);
        assertEquals(missing.get("detail"), notFound.get("detail"), "someone else's looks exactly like a missing one");
        assertProblem(api.handoffOf(conversation.id(), stranger), 404);
        assertProblem(api.escalate(conversation.id(), stranger, "mine now"), 404);
        assertProblem(api.get(ticket.get("id"), stranger), 404);
        assertProblem(api.history(ticket.get("id"), stranger), 404);
        assertProblem(api.escalate(conversation.id(), TicketingApi.agent("esc-reader-agent"), "agents do not escalate for customers"), 404);
        assertProblem(api.ticketOf(conversation.id(), null), 401);
        assertProblem(api.http().get("/api/v1/conversations/garbage/ticket", stranger), 404);
        assertProblem(api.http().get("/api/v1/conversations/garbage/handoff", stranger), 404);
    }

    @Test
    void the_handoff_is_queued_with_the_ticket_and_waits_in_the_internal_queue_until_an_agent_takes_it() {
        TicketingApi.emptyTheOutbox();
        var conversation = Fixtures.conversation("esc-handoff");
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-handoff"), "need a human").map();

        var pending = api.handoffOf(conversation.id(), TestTokens.user("esc-handoff"));
        assertEquals(200, pending.status(), pending::toString);
        assertEquals(true, pending.field("recommended"));
        assertEquals("need a human", pending.field("reason"));
        assertEquals("internal", pending.field("provider"));
        assertEquals(ticket.get("id"), pending.field("ticket_id"));
        assertEquals(ticket.get("number"), pending.field("ticket_number"));
        assertEquals("pending", pending.field("status"));
        assertNull(pending.field("external_ticket_id"));
        assertEquals(0, ((Number) pending.field("attempts")).intValue());
        assertNull(pending.field("last_error"));
        assertEquals(ticket.get("opened_at"), pending.field("next_attempt_at"), "due at once");

        var report = dispatcher.dispatchDue();
        assertEquals(1, report.claimed());
        assertEquals(1, report.delivered());

        var delivered = api.handoffOf(conversation.id(), TestTokens.user("esc-handoff"));
        assertEquals("pending", delivered.field("status"), "in Parley's queue, but no person has it yet");
        assertEquals(1, ((Number) delivered.field("attempts")).intValue());
        assertNull(delivered.field("next_attempt_at"));
        assertEquals(0, dispatcher.dispatchDue().claimed(), "a handoff in Parley's queue is delivered");
        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("esc-handoff-agent"), "ACTIVE_HUMAN_CHAT").status());
        assertEquals("routed", api.handoffOf(conversation.id(), TestTokens.user("esc-handoff")).field("status"), "a person took it");

        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("esc-handoff-agent"), "CLOSED_BY_CLIENT").status());
        assertEquals("resolved", api.handoffOf(conversation.id(), TestTokens.user("esc-handoff")).field("status"), "closing the ticket settles its handoff");
    }

    @Test
    void an_AI_ticket_has_no_handoff_until_it_is_escalated() {
        var conversation = Fixtures.conversation("esc-no-handoff");
        api.open(conversation.id(), TicketingApi.AI, object());
        assertProblem(api.handoffOf(conversation.id(), TestTokens.user("esc-no-handoff")), 404);
    }

    @Test
    void secrets_in_a_reason_are_redacted_before_they_are_stored_or_handed_off() {
        var conversation = Fixtures.conversation("esc-secret");
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-secret"), "charge my card 4111 1111 1111 1111 again").map();

        assertEquals("charge my card [REDACTED:CARD] again", ticket.get("escalation_reason"));
        assertEquals("charge my card [REDACTED:CARD] again", api.history(ticket.get("id"), TicketingApi.ADMIN).items().get(1).get("reason"));
        assertEquals("charge my card [REDACTED:CARD] again", api.handoffOf(conversation.id(), TicketingApi.ADMIN).field("reason"));
        assertEquals(0, Fixtures.queryLong("""
                SELECT (SELECT count(*) FROM ticketing.tickets WHERE escalation_reason LIKE '%4111%')
                     + (SELECT count(*) FROM ticketing.ticket_events WHERE reason LIKE '%4111%')
                     + (SELECT count(*) FROM ticketing.handoffs WHERE reason LIKE '%4111%')"""));
    }

    // --- bad input -------------------------------------------------------------------------

    @Test
    void bad_escalation_requests_are_4xx_problems_and_write_nothing() {
        var conversation = Fixtures.conversation("esc-bad");
        String token = TestTokens.user("esc-bad");
        String path = "/api/v1/conversations/" + conversation.id() + "/escalate";

        assertEquals(List.of("reason"), fields(assertProblem(api.escalate(conversation.id(), token, null), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.http().post(path, token, null), 422)), "no body at all");
        assertEquals(List.of("reason"), fields(assertProblem(api.escalate(conversation.id(), token, ""), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.escalate(conversation.id(), token, "r".repeat(1001)), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.escalate(conversation.id(), token, "nul\u0000byte"), 422)));
        assertProblem(api.http().post(path, token, "{\"reason\": "), 400);
        assertProblem(api.http().post(path, token, "[\"reason\"]"), 400);
        assertProblem(api.http().post(path, token, object("reason", Map.of("a", 1))), 400);
        assertProblem(api.http().send("POST", path, token, "text/plain", "reason".getBytes()), 415);
        assertProblem(api.http().post("/api/v1/conversations/12345/escalate", token, object("reason", "x")), 404);
        assertProblem(api.escalate(UUID.randomUUID(), token, "x"), 404);
        assertProblem(api.escalate(conversation.id(), null, "x"), 401);
        assertProblem(api.escalate(conversation.id(), TestTokens.expired("esc-bad"), "x"), 401);
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation.id()));
        assertEquals(201, api.escalate(conversation.id(), token, "r".repeat(1000)).status(), "1000 characters is the limit, not over it");
    }

    @Test
    void bad_guest_escalations_are_4xx_problems_too() {
        var guest = Fixtures.conversation(null);
        String path = "/api/v1/sessions/" + guest.sessionId() + "/escalate";
        assertEquals(List.of("reason"), fields(assertProblem(api.escalateSession(guest.sessionId(), null), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.http().post(path, null, null), 422)));
        assertProblem(api.http().post(path, null, "{\"reason\": "), 400);
        assertProblem(api.http().post(path, null, object("reason", Map.of("text", "x"))), 400);
        assertProblem(api.http().post(path, TestTokens.expired("someone"), object("reason", "x")), 401);
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", guest.id()));
    }

    @Test
    void reading_a_conversations_handoff_or_a_tickets_history_needs_a_token() {
        var conversation = Fixtures.conversation("esc-anon");
        var ticket = api.escalate(conversation.id(), TestTokens.user("esc-anon"), "x").map();
        assertProblem(api.handoffOf(conversation.id(), null), 401);
        assertProblem(api.history(ticket.get("id"), null), 401);
    }

    static long number(Map<String, Object> ticket) {
        return Long.parseLong(((String) ticket.get("number")).substring(2));
    }

    static Map<String, Object> event(String from, String to, String actor, String reason) {
        Map<String, Object> event = new HashMap<>();
        event.put("from", from);
        event.put("to", to);
        event.put("actor", actor);
        event.put("reason", reason);
        return event;
    }

    static List<Map<String, Object>> withoutTimes(List<Map<String, Object>> items) {
        return items.stream().map(item -> {
            Map<String, Object> copy = new HashMap<>(item);
            assertNotNull(copy.remove("at"), "every event has its time");
            return (Map<String, Object>) copy;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> (String) e.get("field")).sorted().toList();
    }
}
