package io.parley.ticketing;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.WhoAnswers;
import io.parley.kernel.Ids;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static io.parley.ticketing.EscalationWebTest.event;
import static io.parley.ticketing.EscalationWebTest.fields;
import static io.parley.ticketing.EscalationWebTest.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Issue 14 point 3: a guest closes their own ticket with {@code POST /api/v1/sessions/{session_id}/ticket/transitions}
 * — {@code CLOSED_BY_CLIENT} only — and the assistant answers again until they ask for a person anew.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class GuestTicketCloseWebTest extends WebTest {

    static final List<String> OTHER_MOVES = List.of("OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT", "ACTIVE_HUMAN_CHAT", "CLOSED_RESOLVED");

    @Inject
    WhoAnswers whoAnswers;
    TicketingApi api;

    @BeforeEach
    void client() {
        api = new TicketingApi(http);
    }

    @Test
    void the_guest_closes_their_ticket_and_gets_it_back_as_GET_shows_it() {
        var guest = Fixtures.conversation(null);
        var ticket = api.escalateSession(guest.sessionId(), "a person please").map();
        assertEquals(200, api.move(ticket.get("id"), TicketingApi.agent("gc-agent"), "ACTIVE_HUMAN_CHAT").status());

        var closed = api.transitionSession(guest.sessionId(), object("to", "CLOSED_BY_CLIENT", "reason", "solved, thank you"));

        assertEquals(200, closed.status(), closed::toString);
        var body = closed.map();
        assertEquals("CLOSED_BY_CLIENT", body.get("status"));
        assertEquals(ticket.get("id"), body.get("id"));
        assertNotNull(body.get("closed_at"));
        assertEquals(((Number) ticket.get("version")).longValue() + 2, ((Number) body.get("version")).longValue());
        assertEquals(body, api.http().get("/api/v1/sessions/" + guest.sessionId() + "/ticket", null).map(), "the shape of GET .../ticket");
        var history = api.history(ticket.get("id"), TicketingApi.ADMIN).items();
        assertEquals(event("ACTIVE_HUMAN_CHAT", "CLOSED_BY_CLIENT", "guest", "solved, thank you"), withoutTimes(history).get(history.size() - 1));
        assertEquals("resolved", api.handoffOfSession(guest.sessionId()).field("status"));
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(guest.id()), "the assistant answers again");

        var reopened = api.escalateSession(guest.sessionId(), "it broke again");
        assertEquals(201, reopened.status(), reopened::toString);
        assertEquals(ticket.get("id"), reopened.field("id"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", reopened.field("status"));
        assertEquals("pending", api.handoffOfSession(guest.sessionId()).field("status"));
    }

    @Test
    void the_reason_is_optional_and_redacted() {
        var plain = Fixtures.conversation(null);
        var ticket = api.escalateSession(plain.sessionId(), "help").map();
        assertEquals(200, api.transitionSession(plain.sessionId(), object("to", "CLOSED_BY_CLIENT")).status());
        assertEquals(null, api.history(ticket.get("id"), TicketingApi.ADMIN).items().get(2).get("reason"));

        var secret = Fixtures.conversation(null);
        var other = api.escalateSession(secret.sessionId(), "help").map();
        assertEquals(200, api.transitionSession(secret.sessionId(), object("to", "CLOSED_BY_CLIENT", "reason", "card 4111 1111 1111 1111")).status());
        assertEquals("card [REDACTED:CARD]", api.history(other.get("id"), TicketingApi.ADMIN).items().get(2).get("reason"));
    }

    @Test
    void every_other_move_is_forbidden_and_changes_nothing() {
        var guest = Fixtures.conversation(null);
        var ticket = api.escalateSession(guest.sessionId(), "help").map();

        for (String to : OTHER_MOVES) {
            assertProblem(api.transitionSession(guest.sessionId(), object("to", to)), 403);
        }

        var unchanged = api.get(ticket.get("id"), TicketingApi.ADMIN).map();
        assertEquals(ticket, unchanged);
        assertEquals(2, api.history(ticket.get("id"), TicketingApi.ADMIN).items().size());
        var guestWithoutTicket = Fixtures.conversation(null);
        assertProblem(api.transitionSession(guestWithoutTicket.sessionId(), object("to", "ACTIVE_HUMAN_CHAT")), 403);
    }

    @Test
    void an_unknown_session_or_a_conversation_without_a_ticket_is_404() {
        assertProblem(api.transitionSession(Ids.newSessionId(), object("to", "CLOSED_BY_CLIENT")), 404);
        assertProblem(api.transitionSession(Ids.newSessionId(), object("to", "ACTIVE_HUMAN_CHAT")), 404);
        assertProblem(api.http().post("/api/v1/sessions/not%20a%20session/ticket/transitions", null, object("to", "CLOSED_BY_CLIENT")), 404);
        var guest = Fixtures.conversation(null);
        assertProblem(api.transitionSession(guest.sessionId(), object("to", "CLOSED_BY_CLIENT")), 404);
    }

    @Test
    void a_users_conversation_is_not_a_guests_even_with_its_session_id() {
        var owned = Fixtures.conversation("gc-user");
        var ticket = api.escalate(owned.id(), TestTokens.user("gc-user"), "help").map();

        assertProblem(api.transitionSession(owned.sessionId(), object("to", "CLOSED_BY_CLIENT")), 404);
        assertProblem(api.http().post("/api/v1/sessions/" + owned.sessionId() + "/ticket/transitions", TestTokens.user("gc-user"),
                object("to", "CLOSED_BY_CLIENT")), 404);
        assertEquals("PENDING_HUMAN_ASSIGNMENT", api.get(ticket.get("id"), TicketingApi.ADMIN).field("status"));
    }

    @Test
    void an_already_closed_ticket_is_409() {
        for (String closing : List.of("CLOSED_BY_CLIENT", "CLOSED_RESOLVED")) {
            var guest = Fixtures.conversation(null);
            var ticket = api.escalateSession(guest.sessionId(), "help").map();
            String agent = TicketingApi.agent("gc-closer");
            assertEquals(200, api.move(ticket.get("id"), agent, "ACTIVE_HUMAN_CHAT").status());
            assertEquals(200, api.move(ticket.get("id"), agent, closing).status());

            var conflict = assertProblem(api.transitionSession(guest.sessionId(), object("to", "CLOSED_BY_CLIENT")), 409);

            assertEquals(closing, conflict.get("current_status"));
        }
    }

    @Test
    void bad_bodies_are_400_or_422_and_write_nothing() {
        var guest = Fixtures.conversation(null);
        var ticket = api.escalateSession(guest.sessionId(), "help").map();
        String path = "/api/v1/sessions/" + guest.sessionId() + "/ticket/transitions";

        assertProblem(api.http().post(path, null, "{\"to\": "), 400);
        assertProblem(api.http().post(path, null, "[\"CLOSED_BY_CLIENT\"]"), 400);
        assertProblem(api.http().post(path, null, object("to", List.of("CLOSED_BY_CLIENT"))), 400);
        assertProblem(api.http().post(path, null, object("to", 5)), 400);
        assertProblem(api.http().post(path, null, object("to", "CLOSED_BY_CLIENT", "reason", Map.of("a", 1))), 400);
        assertProblem(api.http().send("POST", path, null, "text/plain", "CLOSED_BY_CLIENT".getBytes(), Map.of()), 415);
        assertEquals(List.of("to"), fields(assertProblem(api.http().post(path, null, null), 422)), "no body: to is required");
        assertEquals(List.of("to"), fields(assertProblem(api.http().post(path, null, object()), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.http().post(path, null, object("to", "closed_by_client")), 422)));
        assertEquals(List.of("to"), fields(assertProblem(api.http().post(path, null, object("to", "REOPENED")), 422)));
        assertEquals(List.of("reason"), fields(assertProblem(api.http().post(path, null,
                object("to", "CLOSED_BY_CLIENT", "reason", "r".repeat(1001))), 422)));
        assertProblem(api.http().post(path, TestTokens.expired("someone"), object("to", "CLOSED_BY_CLIENT")), 401);

        assertEquals("PENDING_HUMAN_ASSIGNMENT", api.get(ticket.get("id"), TicketingApi.ADMIN).field("status"));
        assertEquals(2, api.history(ticket.get("id"), TicketingApi.ADMIN).items().size());
        assertEquals(UUID.fromString((String) ticket.get("id")),
                Fixtures.queryUuid("SELECT id FROM ticketing.tickets WHERE conversation_id = ? AND closed_at IS NULL", guest.id()));
    }
}
