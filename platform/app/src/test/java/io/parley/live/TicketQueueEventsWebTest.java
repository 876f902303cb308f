package io.parley.live;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.SseClient;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, the live queue: {@code GET /api/v1/tickets/events} sends {@code ticket.updated} for every ticket
 * created or changed (status, assignee, priority), agents and admins only, resumable with
 * {@code Last-Event-ID} with every change exactly once and in order.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.live.keep-alive", value = "300ms")
class TicketQueueEventsWebTest extends WebTest {

    private static final String QUEUE = "/api/v1/tickets/events";

    SseClient sse;
    String agent;

    @BeforeEach
    void clients() {
        sse = new SseClient(server.getURL(), json);
        agent = TestTokens.withRoles(subject("ada"), "agent");
    }

    static String subject(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user's conversation escalated to a person: its ticket. */
    Map<String, Object> escalatedTicket() {
        String owner = TestTokens.user(subject("customer"));
        TestHttp.Reply started = http.post("/api/v1/conversations", owner, "{}");
        assertEquals(201, started.status(), started::toString);
        TestHttp.Reply escalated = http.post("/api/v1/conversations/" + started.field("id") + "/escalate", owner,
                "{\"reason\":\"a person please\"}");
        assertEquals(201, escalated.status(), escalated::toString);
        return escalated.map();
    }

    TestHttp.Reply setPriority(Object ticketId, String priority) {
        Object version = http.get("/api/v1/tickets/" + ticketId, agent).field("version");
        return http.patch("/api/v1/tickets/" + ticketId, agent, TestHttp.object("priority", priority, "version", version));
    }

    /** The next event about one ticket (other test classes share the database and may change theirs meanwhile). */
    static SseClient.Event nextAbout(SseClient.Stream stream, Object ticketId) {
        for (int i = 0; i < 100; i++) {
            SseClient.Event event = stream.next();
            if (ticketId.equals(event.map().get("id"))) {
                return event;
            }
        }
        throw new AssertionError("no event about ticket " + ticketId);
    }

    @Test
    void agents_see_every_ticket_created_or_changed_as_the_ticket_routes_return_it() {
        try (SseClient.Stream queue = sse.open(QUEUE, agent)) {
            assertEquals(200, queue.status());
            assertTrue(queue.contentType().startsWith("text/event-stream"));
            Map<String, Object> ticket = escalatedTicket();
            String id = (String) ticket.get("id");

            SseClient.Event created = nextAbout(queue, id);
            assertEquals("ticket.updated", created.name());
            assertEquals(http.get("/api/v1/tickets/" + id, agent).map(), created.map());
            assertEquals("PENDING_HUMAN_ASSIGNMENT", created.map().get("status"));

            TestHttp.Reply priority = setPriority(id, "urgent");
            assertEquals(200, priority.status(), priority::toString);
            assertEquals(priority.map(), nextAbout(queue, id).map());

            TestHttp.Reply taken = http.post("/api/v1/tickets/" + id + "/transitions", agent, "{\"to\":\"ACTIVE_HUMAN_CHAT\"}");
            assertEquals(200, taken.status(), taken::toString);
            SseClient.Event assigned = nextAbout(queue, id);
            assertEquals("ACTIVE_HUMAN_CHAT", assigned.map().get("status"));
            assertEquals(taken.map().get("assignee_id"), assigned.map().get("assignee_id"));

            long previous = 0;
            for (String eventId : List.of(created.id(), assigned.id())) {
                long number = Long.parseLong(eventId);
                assertTrue(number > previous, "ids increase");
                previous = number;
            }
        }
    }

    @Test
    void a_reconnecting_console_gets_every_change_made_meanwhile_once_and_in_order() {
        Map<String, Object> first = escalatedTicket();
        String lastSeen;
        try (SseClient.Stream queue = sse.open(QUEUE, agent)) {
            TestHttp.Reply changed = setPriority(first.get("id"), "high");
            assertEquals(200, changed.status(), changed::toString);
            lastSeen = nextAbout(queue, first.get("id")).id();
        }
        List<String> changedMeanwhile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changedMeanwhile.add((String) escalatedTicket().get("id"));
        }
        TestHttp.Reply again = setPriority(first.get("id"), "low");
        assertEquals(200, again.status());
        changedMeanwhile.add((String) first.get("id"));

        try (SseClient.Stream resumed = sse.open(QUEUE, TestTokens.withRoles(subject("root"), "admin"), lastSeen)) {
            assertEquals(200, resumed.status(), "admins follow the queue too");
            List<String> mine = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            while (mine.size() < changedMeanwhile.size()) {
                SseClient.Event event = resumed.next();
                ids.add(Long.parseLong(event.id()));
                if (changedMeanwhile.contains((String) event.map().get("id"))) {
                    mine.add((String) event.map().get("id"));
                }
            }
            assertEquals(changedMeanwhile, mine, "each change once, in the order they were made");
            assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids strictly increase");
            assertTrue(ids.get(0) > Long.parseLong(lastSeen));
            assertEquals("low", http.get("/api/v1/tickets/" + first.get("id"), agent).field("priority"));
        }
    }

    @Test
    void only_agents_and_admins_follow_the_queue() {
        assertProblem(sse.open(QUEUE, TestTokens.user(subject("bob"))).asReply(), 403);
        assertProblem(sse.open(QUEUE, TestTokens.withRoles(subject("bot"), "service")).asReply(), 403);
        assertProblem(sse.open(QUEUE, null).asReply(), 401);
        assertProblem(sse.open(QUEUE, "not-a-jwt").asReply(), 401);
        assertProblem(sse.open(QUEUE, TestTokens.expired(subject("ada"))).asReply(), 401);
        assertProblem(sse.open(QUEUE, TestTokens.user(subject("bob")), "not-an-id").asReply(), 403);
    }

    @Test
    void a_malformed_or_future_last_event_id_is_a_400_problem() {
        escalatedTicket();
        for (String bad : List.of("x", "", "1.5", "-1", "01", "1-0-0", "99999999999999999999", "999999999999")) {
            Map<String, Object> problem = assertProblem(sse.open(QUEUE, agent, bad).asReply(), 400);
            assertEquals("Last-Event-ID", ((List<Map<String, Object>>) problem.get("errors")).get(0).get("field"), bad);
        }
        try (SseClient.Stream fromZero = sse.open(QUEUE, agent, "0")) {
            assertEquals(200, fromZero.status(), "0 is before every change");
        }
    }
}
