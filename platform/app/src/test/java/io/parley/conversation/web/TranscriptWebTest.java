package io.parley.conversation.web;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md: {@code GET .../transcript?format=text|markdown|json}, the whole conversation, streamed. */
@MicronautTest(transactional = false)
class TranscriptWebTest extends WebTest {

    ConversationClient api;
    String owner;
    String id;

    @BeforeEach
    void conversation() {
        api = new ConversationClient(http);
        owner = ConversationClient.userToken("alice");
        id = api.startId(owner);
        api.appendOk(owner, id, "user", "Hello,\nI need help");
        api.appendOk(io.parley.app.support.TestTokens.withRoles("bot", "service"), id, "assistant", "Sure - what is it?");
    }

    TestHttp.Reply transcript(String format) {
        return api.http().get("/api/v1/conversations/" + id + "/transcript" + (format == null ? "" : "?format=" + format), owner);
    }

    @Test
    void plain_text_is_the_default_with_header_role_labels_and_times() {
        TestHttp.Reply reply = transcript(null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/plain; charset=utf-8", reply.contentType().toLowerCase());
        String text = reply.body();
        assertTrue(text.startsWith("Conversation " + id + "\n"), text);
        assertTrue(text.contains("Messages: 2"), text);
        assertTrue(text.matches("(?s).*\\[[0-9T:.Z-]+] #1 User: Hello,\n    I need help\n.*"), text);
        assertTrue(text.matches("(?s).*\\[[0-9T:.Z-]+] #2 Assistant: Sure - what is it\\?\n"), text);
        assertTrue(reply.header("Content-Disposition").contains("conversation-" + id + ".txt"), reply.headers()::toString);
    }

    @Test
    void markdown_has_a_title_and_quotes_each_message() {
        TestHttp.Reply reply = transcript("markdown");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("text/markdown"), reply::toString);
        assertTrue(reply.body().startsWith("# Conversation " + id), reply::toString);
        assertTrue(reply.body().contains("**User** · ") && reply.body().contains("> Hello,\n> I need help"), reply::toString);
    }

    @Test
    void json_is_the_conversation_and_its_messages_as_the_api_shows_them() throws IOException {
        TestHttp.Reply reply = transcript("json");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        Map<String, Object> body = json.readValue(reply.body(), Argument.mapOf(String.class, Object.class));
        assertEquals(api.get(owner, id), body.get("conversation"));
        assertEquals(api.http().get("/api/v1/conversations/" + id + "/messages", owner).items(), body.get("messages"));
    }

    @Test
    void an_unknown_format_is_422() {
        assertProblem(transcript("pdf"), 422);
    }

    @Test
    void a_long_conversation_is_streamed_in_chunks_and_complete() throws IOException {
        UUID conversation = UUID.fromString(id);
        Fixtures.execute("""
                WITH bump AS (UPDATE conversation.conversations SET last_seq = last_seq + 3000 WHERE id = ? RETURNING last_seq)
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                SELECT gen_random_uuid(), ?, 2 + n, CASE WHEN n % 2 = 0 THEN 'assistant' ELSE 'user' END, 'message number ' || n
                  FROM generate_series(1, 3000) AS n, bump
                """, conversation, conversation);

        TestHttp.Reply reply = transcript("json");

        assertEquals(200, reply.status());
        assertNull(reply.header("Content-Length"), "streamed, so the length is not known up front");
        assertEquals("chunked", reply.header("Transfer-Encoding"));
        Map<String, Object> body = json.readValue(reply.body(), Argument.mapOf(String.class, Object.class));
        List<?> messages = (List<?>) body.get("messages");
        assertEquals(3002, messages.size());
        for (int n = 0; n < messages.size(); n++) {
            assertEquals(n + 1, ((Number) ((Map<?, ?>) messages.get(n)).get("seq")).intValue());
        }
        long lines = transcript("text").body().lines().filter(line -> line.startsWith("[")).count();
        assertEquals(3002, lines);
    }
}
