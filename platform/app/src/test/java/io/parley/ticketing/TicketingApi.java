package io.parley.ticketing;

import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ticketing routes as a client calls them, plus the tokens the web tests use. */
public final class TicketingApi {

    public static final String AI = TestTokens.withRoles("assistant-backend", "service");
    public static final String ADMIN = TestTokens.withRoles("root", "admin");

    private final TestHttp http;

    public TicketingApi(TestHttp http) {
        this.http = http;
    }

    public static String agent(String name) {
        return TestTokens.withRoles(name, "agent");
    }

    public TestHttp http() {
        return http;
    }

    public TestHttp.Reply escalate(UUID conversationId, String token, String reason) {
        return http.post("/api/v1/conversations/" + conversationId + "/escalate", token, object("reason", reason));
    }

    public TestHttp.Reply escalateSession(String sessionId, String reason) {
        return http.post("/api/v1/sessions/" + sessionId + "/escalate", null, object("reason", reason));
    }

    /** The guest's own move: {@code POST /api/v1/sessions/{session_id}/ticket/transitions}, no token. */
    public TestHttp.Reply transitionSession(String sessionId, Object body) {
        return http.post("/api/v1/sessions/" + sessionId + "/ticket/transitions", null, body);
    }

    public TestHttp.Reply handoffOfSession(String sessionId) {
        return http.get("/api/v1/sessions/" + sessionId + "/handoff", null);
    }

    public TestHttp.Reply open(UUID conversationId, String token, Object body) {
        return http.post("/api/v1/conversations/" + conversationId + "/ticket", token, body);
    }

    public TestHttp.Reply ticketOf(UUID conversationId, String token) {
        return http.get("/api/v1/conversations/" + conversationId + "/ticket", token);
    }

    public TestHttp.Reply handoffOf(UUID conversationId, String token) {
        return http.get("/api/v1/conversations/" + conversationId + "/handoff", token);
    }

    public TestHttp.Reply get(Object ticketId, String token) {
        return http.get("/api/v1/tickets/" + ticketId, token);
    }

    public TestHttp.Reply history(Object ticketId, String token) {
        return http.get("/api/v1/tickets/" + ticketId + "/history", token);
    }

    public TestHttp.Reply claim(String token) {
        return http.post("/api/v1/tickets/claim", token, null);
    }

    public TestHttp.Reply transition(Object ticketId, String token, Object body) {
        return http.post("/api/v1/tickets/" + ticketId + "/transitions", token, body);
    }

    public TestHttp.Reply move(Object ticketId, String token, String to) {
        return transition(ticketId, token, object("to", to));
    }

    public TestHttp.Reply patch(Object ticketId, String token, Object body) {
        return http.patch("/api/v1/tickets/" + ticketId, token, body);
    }

    public TestHttp.Reply list(String query, String token) {
        return http.get("/api/v1/tickets" + (query.isEmpty() ? "" : "?" + query), token);
    }

    /** How the API writes a timestamp: RFC 3339, UTC, milliseconds. */
    public static String rfc3339(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC).format(instant);
    }

    /** A user's conversation escalated by its owner: the ticket waits in the queue. */
    public Map<String, Object> escalatedTicket(String owner) {
        Fixtures.Conversation conversation = Fixtures.conversation(owner);
        TestHttp.Reply reply = escalate(conversation.id(), TestTokens.user(owner), "I need a human");
        assertTrue(reply.status() == 201, reply::toString);
        return reply.map();
    }

    /** A ticket the AI opened and still handles. */
    public Map<String, Object> aiTicket(String owner) {
        Fixtures.Conversation conversation = Fixtures.conversation(owner);
        TestHttp.Reply reply = open(conversation.id(), AI, object());
        assertTrue(reply.status() == 201, reply::toString);
        return reply.map();
    }

    /** Parks every waiting ticket of earlier tests (the database is shared by the test run) so a test owns the queue. */
    public static void emptyTheQueue() {
        Fixtures.execute("""
                UPDATE ticketing.tickets SET status = 'CLOSED_BY_CLIENT', closed_at = now(), version = version + 1
                 WHERE status = 'PENDING_HUMAN_ASSIGNMENT'""");
    }

    /** Settles every pending handoff of earlier tests so a dispatcher test sees only its own. */
    public static void emptyTheOutbox() {
        Fixtures.execute("UPDATE ticketing.handoffs SET status = 'routed', next_attempt_at = NULL WHERE status = 'pending'");
    }
}
