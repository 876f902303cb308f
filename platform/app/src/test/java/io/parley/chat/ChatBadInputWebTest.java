package io.parley.chat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.chat.ChatClient.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Errors" on {@code POST /api/v1/chat}: malformed JSON and wrong types are 400, broken rules
 * 422 naming the field, a bad token 401 even though guests need none; always problem+json, and
 * nothing is written, not even the conversation a first turn would start.
 */
@MicronautTest(transactional = false)
class ChatBadInputWebTest extends WebTest {

    ChatClient chat;
    String sessionId;

    @BeforeEach
    void client() {
        chat = new ChatClient(http);
        sessionId = (String) chat.first(null, "hello").get("session_id");
    }

    private long rows() {
        return Fixtures.queryLong("SELECT (SELECT count(*) FROM conversation.conversations) + (SELECT count(*) FROM conversation.messages)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"message\": ",
            "not json",
            "[\"a list\"]",
            "{\"message\": 42}",
            "{\"message\": [\"x\"]}",
            "{\"message\": {\"text\": \"x\"}}",
            "{\"message\": true}",
            "{\"message\": \"hi\", \"session_id\": 42}",
            "{\"message\": \"hi\", \"channel\": 1}",
            "{\"message\": \"hi\", \"locale\": [\"en\"]}",
            "{\"message\": \"hi\", \"metadata\": \"x\"}",
            "{\"message\": \"hi\", \"metadata\": [1]}",
    })
    void malformed_json_and_wrong_types_are_400(String raw) {
        long before = rows();

        assertProblem(chat.raw(null, raw), 400);

        assertEquals(before, rows(), "nothing written");
    }

    @Test
    void a_missing_body_is_400() {
        TestHttp.Reply reply = chat.http().send("POST", "/api/v1/chat", null, "application/json", null);
        assertProblem(reply, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"message\": null}",
            "{\"message\": \"\"}",
            "{\"message\": \"   \"}",
            "{\"message\": \"nul \\u0000 inside\"}",
            "{\"message\": \"lone \\ud800 surrogate\"}",
            "{\"message\": \"hi\", \"channel\": \"fax\"}",
            "{\"message\": \"hi\", \"locale\": \"not a locale\"}",
    })
    void broken_rules_are_422_and_start_no_conversation(String raw) {
        long before = rows();

        Map<String, Object> problem = assertProblem(chat.raw(null, raw), 422);

        assertTrue(problem.get("errors") instanceof List<?> errors && !errors.isEmpty(), problem::toString);
        assertEquals(before, rows(), "nothing written");
    }

    @Test
    void a_message_over_the_user_limit_is_422_naming_the_message() {
        Map<String, Object> problem = assertProblem(chat.send(null, body(sessionId, "x".repeat(1001)), null), 422);

        assertEquals("message", ((Map<?, ?>) ((List<?>) problem.get("errors")).get(0)).get("field"));
        assertEquals(200, chat.send(null, body(sessionId, "x".repeat(1000)), null).status(), "the limit itself is fine");
    }

    @Test
    void metadata_deeper_than_the_kernel_rules_allow_is_422() {
        Object deep = "leaf";
        for (int i = 0; i < 25; i++) {
            deep = Map.of("d", deep);
        }
        Map<String, Object> problem = assertProblem(chat.send(null, Map.of("message", "hi", "metadata", deep), null), 422);
        assertTrue(problem.toString().contains("metadata"), problem::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "two  spaces"})
    void a_malformed_idempotency_key_is_422(String key) {
        assertProblem(chat.send(null, body(sessionId, "hi"), key), 422);
    }

    @Test
    void an_idempotency_key_over_128_characters_is_422() {
        assertProblem(chat.send(null, body(sessionId, "hi"), "k".repeat(129)), 422);
    }

    @Test
    void a_wrong_content_type_is_415() {
        TestHttp.Reply reply = chat.http().send("POST", "/api/v1/chat", null, "text/plain",
                "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8));
        assertProblem(reply, 415);
    }

    @Test
    void an_invalid_token_is_401_not_a_guest_turn() {
        assertProblem(chat.send(TestTokens.expired("chat-late"), body(null, "hi"), null), 401);
        assertProblem(chat.send("garbage", body(null, "hi"), null), 401);
    }
}
