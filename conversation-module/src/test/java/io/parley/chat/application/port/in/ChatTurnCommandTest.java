package io.parley.chat.application.port.in;

import io.parley.conversation.application.port.in.Violations;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat turn's command validates itself, as the web adapter builds it from the raw request values. */
class ChatTurnCommandTest {

    @Test
    void a_first_turn_defaults_to_the_web_channel_and_empty_metadata() {
        ChatTurnCommand command = new ChatTurnCommand(null, "hi", null, null, null, null);

        assertTrue(command.startsConversation());
        assertEquals("web", command.channel());
        assertEquals(Map.of(), command.metadata());
    }

    @Test
    void a_further_turn_names_its_session() {
        ChatTurnCommand command = new ChatTurnCommand("abcdefghijklmnopqrstuvwxyz012345", "hi", "mobile", "en-US", Map.of("a", 1), "key-1");

        assertFalse(command.startsConversation());
        assertEquals("abcdefghijklmnopqrstuvwxyz012345", command.sessionId());
        assertEquals("mobile", command.channel());
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        assertEquals(List.of("channel", "message", "locale", "Idempotency-Key"),
                Violations.fields(() -> new ChatTurnCommand(null, null, "fax", "not a locale", null, "has space")));
        assertEquals(List.of("message: must not be blank"), Violations.of(() -> new ChatTurnCommand(null, "  \n", null, null, null, null)));
        assertEquals(List.of("message: must be valid Unicode without NUL characters"),
                Violations.of(() -> new ChatTurnCommand(null, "a\u0000b", null, null, null, null)));
        assertEquals(List.of("Idempotency-Key"), Violations.fields(() -> new ChatTurnCommand(null, "hi", null, null, null, "k".repeat(129))));
        assertEquals(List.of("channel: must be one of web, mobile, email, api"),
                Violations.of(() -> new ChatTurnCommand(null, "hi", "WEB", null, null, null)));
        assertEquals(List.of("message: must have at most 65536 characters"),
                Violations.of(() -> new ChatTurnCommand(null, "x".repeat(65_537), null, null, null, null)));
    }

    @Test
    void a_session_id_that_cannot_be_one_names_nothing() {
        assertThrows(NotFoundException.class, () -> new ChatTurnCommand("short", "hi", null, null, null, null));
        assertThrows(NotFoundException.class, () -> new ChatTurnCommand("", "hi", null, null, null, null));
    }

    @Test
    void broken_rules_are_reported_before_an_unknown_session() {
        assertEquals(List.of("message"), Violations.fields(() -> new ChatTurnCommand("short", "", null, null, null, null)));
    }
}
