package io.parley.conversation.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import jakarta.inject.Inject;
import io.parley.app.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Isolation" over every route of the conversation module: a second user, an agent without
 * a ticket, a guest with another session and a caller without a token never reach Alice's or the
 * guest's conversation. Someone else's conversation answers exactly like a missing one (404, same
 * body), role refusals are 403 whether or not the conversation exists, and nothing leaks or changes.
 */
@MicronautTest(transactional = false)
class IsolationSweepTest extends WebTest {

    /** The data every test of this class reads is made once, before the first test. */
    private boolean prepared;

    /** A route of the module; {@code {ref}} is the conversation id or the session id. */
    record Route(String method, String path, String body) {

        String on(String ref) {
            return path.replace("{ref}", ref);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ID_ROUTES = List.of(
            new Route("GET", "/api/v1/conversations/{ref}", null),
            new Route("PATCH", "/api/v1/conversations/{ref}", "{\"summary\":\"hijacked\"}"),
            new Route("POST", "/api/v1/conversations/{ref}/messages", "{\"role\":\"user\",\"content\":\"injected\"}"),
            new Route("GET", "/api/v1/conversations/{ref}/messages", null),
            new Route("GET", "/api/v1/conversations/{ref}/transcript", null),
            new Route("GET", "/api/v1/conversations/{ref}/transcript?format=json", null),
            new Route("PUT", "/api/v1/conversations/{ref}/feedback", "{\"rating\":0,\"comment\":\"sabotage\"}"),
            new Route("POST", "/api/v1/conversations/{ref}/close", null),
            new Route("DELETE", "/api/v1/conversations/{ref}", null));

    static final List<Route> SESSION_ROUTES = List.of(
            new Route("GET", "/api/v1/sessions/{ref}", null),
            new Route("GET", "/api/v1/sessions/{ref}/messages", null),
            new Route("POST", "/api/v1/sessions/{ref}/messages", "{\"role\":\"user\",\"content\":\"injected\"}"),
            new Route("GET", "/api/v1/sessions/{ref}/transcript", null),
            new Route("PUT", "/api/v1/sessions/{ref}/feedback", "{\"rating\":0}"));

    /** Routes refused by role before any conversation is looked up: 403 for existing and missing ids alike. */
    static final Set<String> ROLE_GATED = Set.of("PATCH /api/v1/conversations/{ref}");

    @Inject
    StartConversationUseCase startConversation;
    final Set<UUID> ticketed = ConcurrentHashMap.newKeySet();
    ConversationClient api;
    String alice;
    Map<String, Object> alices;
    Conversation guest;

    @MockBean(TicketPresence.class)
    TicketPresence ticketPresence() {
        return ticketed::contains;
    }

    @BeforeEach
    void conversations() {
        if (prepared) {
            return;
        }
        prepared = true;
        api = new ConversationClient(http);
        alice = ConversationClient.userToken("alice");
        String id = api.startId(alice);
        api.appendOk(alice, id, "user", "alice's secret plan");
        http.put("/api/v1/conversations/" + id + "/feedback", alice, "{\"rating\":5,\"comment\":\"alice's comment\"}");
        alices = api.get(alice, id);
        guest = startConversation.start(StartConversationCommand.of(null, null, null), Caller.anonymous());
        TestHttp.Reply posted = http.post("/api/v1/sessions/" + guest.sessionId() + "/messages", null,
                "{\"role\":\"user\",\"content\":\"guest's secret\"}");
        assertEquals(201, posted.status(), posted::toString);
    }

    String alicesId() {
        return (String) alices.get("id");
    }

    TestHttp.Reply call(Route route, String ref, String token) {
        return http.send(route.method(), route.on(ref), token, route.body() == null ? null : "application/json",
                route.body() == null ? null : route.body().getBytes());
    }

    /** The refusal, checked to be exactly what a missing conversation gets and to carry nothing of the real one. */
    void assertHidden(Route route, String ref, String missingRef, String token) {
        int expected = ROLE_GATED.contains(route.toString()) ? 403 : 404;
        TestHttp.Reply reply = call(route, ref, token);
        Map<String, Object> body = assertProblem(reply, expected);
        assertEquals(assertProblem(call(route, missingRef, token), expected), body, route::toString);
        assertEquals(Set.of("type", "title", "status", "detail"), body.keySet(), route::toString);
        for (String secret : new String[]{alicesId(), (String) alices.get("session_id"), (String) alices.get("user_id"),
                guest.id().toString(), guest.sessionId(), "secret", "comment"}) {
            assertFalse(reply.body().contains(secret), () -> route + " leaks " + secret + ": " + reply);
        }
    }

    @Test
    void another_user_gets_404_on_every_route_of_alices_conversation() {
        String bob = ConversationClient.userToken("bob");
        for (Route route : ID_ROUTES) {
            assertHidden(route, alicesId(), UUID.randomUUID().toString(), bob);
        }
        assertUntouched();
    }

    @Test
    void an_agent_without_a_ticket_gets_404_everywhere() {
        String agent = TestTokens.withRoles("agnes", "agent");
        for (Route route : ID_ROUTES) {
            assertHidden(route, alicesId(), UUID.randomUUID().toString(), agent);
        }
        assertUntouched();
    }

    @Test
    void no_token_is_401_on_every_id_route_and_on_users_me() {
        for (Route route : ID_ROUTES) {
            assertProblem(call(route, alicesId(), null), 401);
        }
        assertProblem(http.get("/api/v1/conversations", null), 401);
        assertProblem(http.post("/api/v1/conversations", null, "{}"), 401);
        assertProblem(http.delete("/api/v1/users/me", null), 401);
        assertUntouched();
    }

    @Test
    void the_session_id_of_alices_conversation_opens_nothing_on_the_guest_routes() {
        String aliceSession = (String) alices.get("session_id");
        for (Route route : SESSION_ROUTES) {
            assertHidden(route, aliceSession, Ids.newSessionId(), null);
            assertHidden(route, aliceSession, Ids.newSessionId(), ConversationClient.userToken("bob"));
        }
        assertUntouched();
    }

    @Test
    void another_guest_session_never_reaches_the_guests_conversation() {
        for (Route route : SESSION_ROUTES) {
            TestHttp.Reply reply = call(route, Ids.newSessionId(), null);
            assertProblem(reply, 404);
            assertFalse(reply.body().contains("guest's secret"), route::toString);
        }
        assertUntouched();
    }

    @Test
    void the_guests_conversation_is_hidden_by_id_from_users_and_agents() {
        for (Route route : ID_ROUTES) {
            assertHidden(route, guest.id().toString(), UUID.randomUUID().toString(), ConversationClient.userToken("bob"));
            assertHidden(route, guest.id().toString(), UUID.randomUUID().toString(), TestTokens.withRoles("agnes", "agent"));
            assertProblem(call(route, guest.id().toString(), null), 401);
        }
        assertUntouched();
    }

    @Test
    void nobody_elses_list_or_erasure_touches_alices_conversation() {
        String bob = ConversationClient.userToken("bob");
        api.startId(bob);
        List<Object> bobsIds = http.get("/api/v1/conversations", bob).items().stream().map(item -> item.get("id")).toList();
        assertFalse(bobsIds.contains(alicesId()));
        assertEquals(1, bobsIds.size());
        assertEquals(204, http.delete("/api/v1/users/me", bob).status());
        assertEquals(204, http.delete("/api/v1/users/me", TestTokens.withRoles("agnes", "agent")).status());
        assertUntouched();
    }

    @Test
    void the_owner_and_the_guest_do_reach_every_route_so_the_sweep_proves_something() {
        String owner = ConversationClient.userToken("carol");
        String id = api.startId(owner);
        Conversation guests = startConversation.start(StartConversationCommand.of(null, null, null), Caller.anonymous());
        for (Route route : ID_ROUTES) {
            if (!ROLE_GATED.contains(route.toString()) && !route.method().equals("DELETE")) {
                int status = call(route, id, owner).status();
                assertTrue(status == 200 || status == 201, () -> route + " -> " + status);
            }
        }
        assertEquals(200, call(ID_ROUTES.get(1), id, TestTokens.withRoles("bot", "service")).status());
        for (Route route : SESSION_ROUTES) {
            int status = call(route, guests.sessionId(), null).status();
            assertTrue(status == 200 || status == 201, () -> route + " -> " + status);
        }
        ticketed.add(UUID.fromString(id));
        assertEquals(200, call(ID_ROUTES.get(0), id, TestTokens.withRoles("agnes", "agent")).status());
        assertEquals(204, call(ID_ROUTES.get(ID_ROUTES.size() - 1), id, owner).status());
    }

    /** Alice's conversation exactly as before, her feedback included; the guest's still holds only its own messages. */
    void assertUntouched() {
        Map<String, Object> now = api.get(alice, alicesId());
        assertEquals(alices, now);
        assertEquals("open", now.get("status"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.feedback WHERE conversation_id = ? AND rating = 5"
                + " AND comment = 'alice''s comment'", UUID.fromString(alicesId())));
        List<Object> guestContents = http.get("/api/v1/sessions/" + guest.sessionId() + "/messages", null).items().stream()
                .map(item -> item.get("content")).toList();
        assertEquals(List.of("guest's secret"), guestContents);
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.feedback WHERE conversation_id = ?", guest.id()));
    }
}
