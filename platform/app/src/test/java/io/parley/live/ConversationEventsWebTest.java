package io.parley.live;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.SseClient;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, Server-Sent Events of a conversation and of a guest session, over real PostgreSQL: what each
 * event carries (exactly what the read routes return), order, "now" as the start, resume with
 * {@code Last-Event-ID} (none lost, none repeated), keep-alives, closed and erased conversations,
 * isolation as for reads, and malformed ids.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.live.keep-alive", value = "300ms")
class ConversationEventsWebTest extends WebTest {

    @Inject
    StartConversationUseCase startConversation;
    SseClient sse;
    String owner;
    String conversationId;

    @BeforeEach
    void conversation() {
        sse = new SseClient(server.getURL(), json);
        owner = TestTokens.user(subject("owner"));
        TestHttp.Reply started = http.post("/api/v1/conversations", owner, "{}");
        assertEquals(201, started.status(), started::toString);
        conversationId = (String) started.field("id");
    }

    static String subject(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String events(String id) {
        return "/api/v1/conversations/" + id + "/events";
    }

    Map<String, Object> append(String token, String content) {
        return append(token, "user", content);
    }

    Map<String, Object> append(String token, String role, String content) {
        TestHttp.Reply reply = http.post("/api/v1/conversations/" + conversationId + "/messages", token,
                TestHttp.object("role", role, "content", content));
        assertEquals(201, reply.status(), reply::toString);
        return reply.map();
    }

    List<Map<String, Object>> history() {
        TestHttp.Reply page = http.get("/api/v1/conversations/" + conversationId + "/messages?limit=200", owner);
        assertEquals(200, page.status(), page::toString);
        return page.items();
    }

    @Test
    void a_stream_is_text_event_stream_and_carries_each_new_message_in_order_exactly_as_the_history_returns_it() {
        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            assertEquals("no-cache", stream.header("Cache-Control"));
            assertEquals("no", stream.header("X-Accel-Buffering"), "buffering proxies pass events on at once");
            for (int i = 1; i <= 5; i++) {
                append(owner, "message " + i);
            }
            List<SseClient.Event> received = stream.next(5);
            assertEquals(List.of("message.created"), received.stream().map(SseClient.Event::name).distinct().toList());
            assertEquals(history(), received.stream().map(SseClient.Event::map).toList(),
                    "each event's data is the message object of GET .../messages, in seq order");
            assertEquals(5, received.stream().map(SseClient.Event::id).distinct().count(), "every event has its own id");
            assertTrue(stream.quietFor(2), "nothing is sent twice");
        }
    }

    @Test
    void without_last_event_id_the_stream_starts_now() {
        append(owner, "before the stream");
        append(owner, "also before");
        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            assertTrue(stream.quietFor(1), "nothing from before");
            append(owner, "after");
            assertEquals(3L, ((Number) stream.next().map().get("seq")).longValue());
        }
    }

    @Test
    void a_client_that_reconnects_with_last_event_id_gets_every_message_committed_meanwhile_exactly_once_then_the_live_ones() {
        String lastSeen;
        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            append(owner, "one");
            append(owner, "two");
            List<SseClient.Event> seen = stream.next(2);
            lastSeen = seen.get(1).id();
        }
        // committed while the client is away, from several writers (the owner and a service)
        String service = TestTokens.withRoles(subject("bot"), "service");
        append(owner, "three");
        append(service, "assistant", "four");
        append(owner, "five");

        try (SseClient.Stream resumed = sse.open(events(conversationId), owner, lastSeen)) {
            assertEquals(200, resumed.status());
            List<SseClient.Event> missed = resumed.next(3);
            assertEquals(List.of("three", "four", "five"), missed.stream().map(e -> e.map().get("content")).toList());
            append(owner, "six");
            assertEquals("six", resumed.next().map().get("content"));
            assertTrue(resumed.quietFor(2), "none repeated");
        }
        List<String> ids = new ArrayList<>();
        try (SseClient.Stream fromTheStart = sse.open(events(conversationId), owner, "0-0-0")) {
            List<SseClient.Event> all = fromTheStart.next(6);
            assertEquals(history(), all.stream().map(SseClient.Event::map).toList());
            all.forEach(e -> ids.add(e.id()));
            assertTrue(fromTheStart.quietFor(1));
        }
        try (SseClient.Stream fromTheMiddle = sse.open(events(conversationId), owner, ids.get(3))) {
            assertEquals(List.of("five", "six"), fromTheMiddle.next(2).stream().map(e -> e.map().get("content")).toList());
            assertTrue(fromTheMiddle.quietFor(1));
        }
    }

    @Test
    void keep_alive_comments_arrive_while_nothing_happens() {
        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            assertTrue(stream.quietFor(3));
            assertEquals("open", stream.comments().get(0), "a stream opens with a comment, so the client sees it open at once");
            assertTrue(stream.comments().stream().skip(1).allMatch("keep-alive"::equals), stream.comments()::toString);
        }
    }

    @Test
    void the_ticket_and_the_closing_of_the_conversation_arrive_as_the_read_routes_return_them_to_the_customer_and_to_the_agent() {
        String agent = TestTokens.withRoles(subject("ada"), "agent");
        try (SseClient.Stream customer = sse.open(events(conversationId), owner)) {
            TestHttp.Reply escalated = http.post("/api/v1/conversations/" + conversationId + "/escalate", owner, "{\"reason\":\"a person please\"}");
            assertEquals(201, escalated.status(), escalated::toString);
            SseClient.Event opened = customer.next();
            assertEquals("ticket.updated", opened.name());
            assertEquals(http.get("/api/v1/conversations/" + conversationId + "/ticket", owner).map(), opened.map());
            assertEquals("PENDING_HUMAN_ASSIGNMENT", opened.map().get("status"));

            try (SseClient.Stream staff = sse.open(events(conversationId), agent)) {
                assertEquals(200, staff.status(), "an agent may follow a conversation that has a ticket");
                String ticketId = (String) opened.map().get("id");
                TestHttp.Reply taken = http.post("/api/v1/tickets/" + ticketId + "/transitions", agent, "{\"to\":\"ACTIVE_HUMAN_CHAT\"}");
                assertEquals(200, taken.status(), taken::toString);
                for (SseClient.Stream stream : List.of(customer, staff)) {
                    SseClient.Event active = stream.next();
                    assertEquals("ticket.updated", active.name());
                    assertEquals("ACTIVE_HUMAN_CHAT", active.map().get("status"));
                    assertEquals(taken.map(), active.map());
                }
                append(agent, "assistant", "Hi, I am Ada");
                assertEquals("Hi, I am Ada", customer.next().map().get("content"));
                assertEquals("Hi, I am Ada", staff.next().map().get("content"));

                TestHttp.Reply closed = http.post("/api/v1/conversations/" + conversationId + "/close", owner, null);
                assertEquals(200, closed.status(), closed::toString);
                SseClient.Event toCustomer = customer.next();
                assertEquals("conversation.updated", toCustomer.name());
                assertEquals(closed.map(), toCustomer.map());
                assertEquals("closed", toCustomer.map().get("status"));
                SseClient.Event toAgent = staff.next();
                assertEquals("conversation.updated", toAgent.name());
                assertEquals(http.get("/api/v1/conversations/" + conversationId, agent).map(), toAgent.map());
                assertNull(toAgent.map().get("session_id"), "staff never see the session id");
            }
        }
    }

    @Test
    void a_closed_conversation_is_still_readable_history_its_stream_opens_and_its_ticket_still_moves() {
        append(owner, "hello");
        TestHttp.Reply escalated = http.post("/api/v1/conversations/" + conversationId + "/escalate", owner, "{\"reason\":\"a person please\"}");
        assertEquals(201, escalated.status(), escalated::toString);
        assertEquals(200, http.post("/api/v1/conversations/" + conversationId + "/close", owner, null).status());

        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            assertEquals(200, stream.status(), "a closed conversation can be followed: it is history, its ticket may still move");
            assertTrue(stream.quietFor(1), "starting now: nothing");
            String agent = TestTokens.withRoles(subject("ada"), "agent");
            String ticketId = (String) escalated.field("id");
            assertEquals(200, http.post("/api/v1/tickets/" + ticketId + "/transitions", agent, "{\"to\":\"CLOSED_BY_CLIENT\"}").status());
            SseClient.Event ticket = stream.next();
            assertEquals("ticket.updated", ticket.name());
            assertEquals("CLOSED_BY_CLIENT", ticket.map().get("status"));
        }
        try (SseClient.Stream replay = sse.open(events(conversationId), owner, "0-0-0")) {
            List<SseClient.Event> all = replay.next(3);
            assertEquals(List.of("message.created", "conversation.updated", "ticket.updated"), all.stream().map(SseClient.Event::name).toList(),
                    "a replay: the message, the closing, then the ticket as it is now (it changed after the closing)");
            assertTrue(replay.quietFor(1));
        }
    }

    @Test
    void an_erased_conversation_ends_its_streams() {
        try (SseClient.Stream stream = sse.open(events(conversationId), owner)) {
            assertEquals(204, http.delete("/api/v1/conversations/" + conversationId, owner).status());
            assertTrue(stream.awaitEnd(Duration.ofSeconds(10)), "the stream ends once the conversation is gone");
        }
        assertProblem(sse.open(events(conversationId), owner).asReply(), 404);
    }

    @Test
    void a_guest_follows_its_conversation_by_session_id_and_sees_what_the_agent_writes() {
        Conversation guest = startConversation.start(StartConversationCommand.of("web", "en", null), Caller.anonymous());
        String session = "/api/v1/sessions/" + guest.sessionId();
        try (SseClient.Stream stream = sse.open(session + "/events", null)) {
            assertEquals(200, stream.status());
            TestHttp.Reply posted = http.post(session + "/messages", null, "{\"content\":\"hi, anyone there?\"}");
            assertEquals(201, posted.status(), posted::toString);
            assertEquals(posted.map(), stream.next().map());

            TestHttp.Reply escalated = http.post(session + "/escalate", null, "{\"reason\":\"a person please\"}");
            assertEquals(201, escalated.status(), escalated::toString);
            SseClient.Event ticket = stream.next();
            assertEquals("ticket.updated", ticket.name());
            assertEquals(http.get(session + "/ticket", null).map(), ticket.map());

            String agent = TestTokens.withRoles(subject("ada"), "agent");
            TestHttp.Reply reply = http.post("/api/v1/conversations/" + guest.id() + "/messages", agent,
                    TestHttp.object("role", "assistant", "content", "Ada here, how can I help?"));
            assertEquals(201, reply.status(), reply::toString);
            assertEquals(reply.map(), stream.next().map());

            TestHttp.Reply closed = http.post("/api/v1/conversations/" + guest.id() + "/close", agent, null);
            assertEquals(200, closed.status());
            SseClient.Event closing = stream.next();
            assertEquals("conversation.updated", closing.name());
            assertEquals(guest.sessionId(), closing.map().get("session_id"), "the guest sees its own session id, as on GET /sessions/{id}");
            assertEquals(http.get(session, null).map(), closing.map());
        }
    }

    @Test
    void every_stream_route_is_isolated_exactly_as_reading_the_conversation() {
        String stranger = TestTokens.user(subject("mallory"));
        assertProblem(sse.open(events(conversationId), stranger).asReply(), 404);
        assertProblem(sse.open(events(UUID.randomUUID().toString()), owner).asReply(), 404);
        assertProblem(sse.open(events("not-a-uuid"), owner).asReply(), 404);
        assertProblem(sse.open(events(conversationId), null).asReply(), 401);
        assertProblem(sse.open(events(conversationId), "not-a-jwt").asReply(), 401);
        assertProblem(sse.open(events(conversationId), TestTokens.signedWithAnotherSecret(subject("owner"))).asReply(), 401);
        assertProblem(sse.open(events(conversationId), TestTokens.expired(subject("owner"))).asReply(), 401);
        assertProblemBecause(sse.open(events(conversationId), TestTokens.withRoles(subject("ada"), "agent")).asReply(), 404,
                "an agent reads a conversation only once it has a ticket");
        assertEquals(200, openAndClose(events(conversationId), TestTokens.withRoles(subject("root"), "admin")));
        assertEquals(200, openAndClose(events(conversationId), TestTokens.withRoles(subject("bot"), "service")));

        Conversation guest = startConversation.start(StartConversationCommand.of("web", "en", null), Caller.anonymous());
        assertProblem(sse.open("/api/v1/sessions/" + Ids.newSessionId() + "/events", null).asReply(), 404);
        assertProblem(sse.open("/api/v1/sessions/no/events", null).asReply(), 404);
        assertProblem(sse.open("/api/v1/sessions/" + guest.sessionId() + "/events", "not-a-jwt").asReply(), 401);
        String usersSession = (String) http.get("/api/v1/conversations/" + conversationId, owner).field("session_id");
        assertProblemBecause(sse.open("/api/v1/sessions/" + usersSession + "/events", null).asReply(), 404,
                "a user's conversation is never opened by its session id");
        assertProblem(sse.open(events(guest.id().toString()), stranger).asReply(), 404);
    }

    @Test
    void a_malformed_or_foreign_last_event_id_is_a_400_problem_never_a_5xx() {
        append(owner, "one");
        Conversation guest = startConversation.start(StartConversationCommand.of("web", "en", null), Caller.anonymous());
        for (String path : List.of(events(conversationId), "/api/v1/sessions/" + guest.sessionId() + "/events")) {
            String token = path.startsWith("/api/v1/sessions") ? null : owner;
            for (String bad : List.of("abc", "", "1-0", "1-0-0-0", "-1-0-0", "1-0-2", "01-0-0", "1.0.0", "1-0-0-",
                    "99999999999999999999-0-0", "9-0-0", "0-5-0", "0-0-1")) {
                Map<String, Object> problem = assertProblem(sse.open(path, token, bad).asReply(), 400);
                assertEquals("Last-Event-ID", ((List<Map<String, Object>>) problem.get("errors")).get(0).get("field"), bad);
            }
        }
    }

    @Test
    void the_conversation_events_are_ordered_on_one_timeline_when_replayed() {
        String agent = TestTokens.withRoles(subject("ada"), "agent");
        append(owner, "I need help");
        TestHttp.Reply escalated = http.post("/api/v1/conversations/" + conversationId + "/escalate", owner, "{\"reason\":\"a person please\"}");
        assertEquals(201, escalated.status());
        append(agent, "assistant", "Ada here");
        try (SseClient.Stream replay = sse.open(events(conversationId), owner, "0-0-0")) {
            List<SseClient.Event> all = replay.next(3);
            assertEquals(List.of("message.created", "ticket.updated", "message.created"), all.stream().map(SseClient.Event::name).toList());
        }
    }

    int openAndClose(String path, String token) {
        try (SseClient.Stream stream = sse.open(path, token)) {
            return stream.status();
        }
    }

    static void assertProblemBecause(TestHttp.Reply reply, int status, String why) {
        assertEquals(status, reply.status(), () -> why + ": " + reply);
        assertProblem(reply, status);
    }
}
