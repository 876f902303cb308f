package io.parley.app.ratelimit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the limits read from a body before any controller: a chat turn's session, a batch's span count. */
class BodyFieldsTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_chat_turn_without_a_usable_session_id_starts_a_conversation() {
        for (String body : new String[]{"{\"message\":\"hi\"}", "{\"session_id\":null,\"message\":\"hi\"}",
                "{\"session_id\":\"  \"}", "[]", "not json", ""}) {
            assertTrue(BodyFields.chatSession(json(body)).startsAConversation(), body);
        }
        assertTrue(BodyFields.chatSession(null).startsAConversation());
    }

    @Test
    void a_chat_turn_with_a_session_id_continues_it_wherever_the_member_stands() {
        BodyFields.Session session = BodyFields.chatSession(json(
                "{\"metadata\":{\"session_id\":\"nested-is-not-it\",\"a\":[1,{\"b\":2}]},\"message\":\"hi\",\"session_id\":\"abc_DEF-123\"}"));
        assertFalse(session.startsAConversation());
        assertEquals("abc_DEF-123", session.sessionId());
        BodyFields.Session notAString = BodyFields.chatSession(json("{\"session_id\":42}"));
        assertFalse(notAString.startsAConversation(), "a wrong type is the controller's 400, not a new conversation");
        assertNull(notAString.sessionId());
    }

    @Test
    void a_trace_batch_counts_its_spans() {
        assertEquals(3, BodyFields.spanCount(json("{\"spans\":[{\"id\":1,\"x\":{\"y\":[1,2,3]}},{},null]}")));
        assertEquals(2, BodyFields.spanCount(json("{\"other\":{\"spans\":[1,2,3,4]},\"spans\":[[1,2],[3]]}")));
        for (String body : new String[]{"{\"spans\":[]}", "{\"spans\":{}}", "{}", "[1,2,3]", "{\"spans\":[1,2", ""}) {
            assertEquals(1, BodyFields.spanCount(json(body)), body);
        }
    }
}
