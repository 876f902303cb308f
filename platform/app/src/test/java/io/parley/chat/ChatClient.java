package io.parley.chat;

import io.parley.app.support.TestHttp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /api/v1/chat} as a widget calls it, for web tests. */
final class ChatClient {

    private final TestHttp http;

    ChatClient(TestHttp http) {
        this.http = http;
    }

    TestHttp http() {
        return http;
    }

    /** A subject no other test uses. */
    static String subject(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    TestHttp.Reply send(String token, Map<String, Object> body, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        return http.post("/api/v1/chat", token, body, headers);
    }

    TestHttp.Reply raw(String token, String body) {
        return http.send("POST", "/api/v1/chat", token, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A first turn (no session id), which must succeed. */
    Map<String, Object> first(String token, String message) {
        return ok(send(token, body(null, message), null));
    }

    /** A further turn in the conversation of {@code sessionId}, which must succeed. */
    Map<String, Object> next(String token, String sessionId, String message) {
        return ok(send(token, body(sessionId, message), null));
    }

    static Map<String, Object> body(String sessionId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sessionId != null) {
            body.put("session_id", sessionId);
        }
        body.put("message", message);
        return body;
    }

    static Map<String, Object> ok(TestHttp.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.map();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> message(Map<String, Object> turn) {
        return (Map<String, Object>) turn.get("message");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reply(Map<String, Object> turn) {
        return (Map<String, Object>) turn.get("reply");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> handoff(Map<String, Object> turn) {
        return (Map<String, Object>) turn.get("handoff");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sources(Map<String, Object> turn) {
        return (List<Map<String, Object>>) reply(turn).get("sources");
    }

    static UUID conversationId(Map<String, Object> turn) {
        return UUID.fromString((String) turn.get("conversation_id"));
    }

    static long seq(Map<String, Object> message) {
        return ((Number) message.get("seq")).longValue();
    }
}
