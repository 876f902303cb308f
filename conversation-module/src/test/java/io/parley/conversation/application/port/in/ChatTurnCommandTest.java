package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Channel;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatTurnCommandTest {

    @Test
    void a_first_turn_defaults_to_the_web_channel_and_empty_metadata() {
        ChatTurnCommand command = ChatTurnCommand.of(null, "hi", null, null, null, null);

        assertTrue(command.startsConversation());
        assertEquals(Channel.WEB, command.channel());
        assertEquals(Map.of(), command.metadata());
    }

    @Test
    void a_further_turn_names_its_session() {
        ChatTurnCommand command = ChatTurnCommand.of("abcdefghijklmnopqrstuvwxyz012345", "hi", "mobile", "en-US", Map.of("a", 1), "key-1");

        assertFalse(command.startsConversation());
        assertEquals("abcdefghijklmnopqrstuvwxyz012345", command.session().sessionId());
        assertEquals(Channel.MOBILE, command.channel());
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        assertEquals(List.of("channel", "message", "locale", "Idempotency-Key"),
                Violations.fields(() -> ChatTurnCommand.of(null, null, "fax", "not a locale", null, "has space")));
        assertEquals(List.of("message: must not be blank"), Violations.of(() -> ChatTurnCommand.of(null, "  \n", null, null, null, null)));
        assertEquals(List.of("message: must be valid Unicode without NUL characters"),
                Violations.of(() -> ChatTurnCommand.of(null, "a\u0000b", null, null, null, null)));
        assertEquals(List.of("Idempotency-Key"), Violations.fields(() -> ChatTurnCommand.of(null, "hi", null, null, null, "k".repeat(129))));
    }

    @Test
    void a_session_id_that_cannot_be_one_names_nothing() {
        assertThrows(NotFoundException.class, () -> ChatTurnCommand.of("short", "hi", null, null, null, null));
        assertThrows(NotFoundException.class, () -> ChatTurnCommand.of("", "hi", null, null, null, null));
    }

    @Test
    void broken_rules_are_reported_before_an_unknown_session() {
        assertEquals(List.of("message"), Violations.fields(() -> ChatTurnCommand.of("short", "", null, null, null, null)));
    }
}
