package io.parley.conversation.web;

import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The conversation API as a client uses it, for web tests: calls that must succeed assert so. */
final class ConversationClient {

    private final TestHttp http;

    ConversationClient(TestHttp http) {
        this.http = http;
    }

    /** A subject no other test uses, so tests sharing the run's database never see each other's data. */
    static String subject(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String userToken(String name) {
        return TestTokens.user(subject(name));
    }

    TestHttp http() {
        return http;
    }

    Map<String, Object> start(String token) {
        return start(token, "{}");
    }

    Map<String, Object> start(String token, String body) {
        TestHttp.Reply reply = http.post("/api/v1/conversations", token, body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.map();
    }

    String startId(String token) {
        return (String) start(token).get("id");
    }

    TestHttp.Reply append(String token, String conversationId, String role, String content) {
        return http.post("/api/v1/conversations/" + conversationId + "/messages", token,
                TestHttp.object("role", role, "content", content));
    }

    Map<String, Object> appendOk(String token, String conversationId, String role, String content) {
        TestHttp.Reply reply = append(token, conversationId, role, content);
        assertEquals(201, reply.status(), reply::toString);
        return reply.map();
    }

    TestHttp.Reply appendWithKey(String token, String conversationId, String key, String json) {
        return http.send("POST", "/api/v1/conversations/" + conversationId + "/messages", token, "application/json",
                json.getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", key));
    }

    Map<String, Object> get(String token, String conversationId) {
        TestHttp.Reply reply = http.get("/api/v1/conversations/" + conversationId, token);
        assertEquals(200, reply.status(), reply::toString);
        return reply.map();
    }

    Map<String, Object> close(String token, String conversationId) {
        TestHttp.Reply reply = http.post("/api/v1/conversations/" + conversationId + "/close", token, null);
        assertEquals(200, reply.status(), reply::toString);
        return reply.map();
    }
}
