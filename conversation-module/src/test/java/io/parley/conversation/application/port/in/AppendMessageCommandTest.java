package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.MessageRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendMessageCommandTest {

    static final ConversationRef REF = ConversationRef.id(UUID.randomUUID());

    static AppendMessageCommand command(String role, String content, String intent, Number confidence, String key) {
        return AppendMessageCommand.of(REF, role, content, intent, confidence, Map.of(), key);
    }

    @Test
    void a_valid_message_carries_typed_values() {
        AppendMessageCommand command = command("assistant", "Hello!", "billing.refund", 0.82, "key-1");
        assertEquals(MessageRole.ASSISTANT, command.role());
        assertEquals(0.82, command.confidence());
        assertEquals(Map.of(), command.metadata());
    }

    @Test
    void role_is_required_and_must_be_known() {
        assertEquals(List.of("role: is required"), Violations.of(() -> command(null, "x", null, null, null)));
        assertEquals(List.of("role: must be one of user, assistant, system"), Violations.of(() -> command("USER", "x", null, null, null)));
        assertEquals(List.of("role: must be one of user, assistant, system"), Violations.of(() -> command("robot", "x", null, null, null)));
    }

    @Test
    void content_must_be_present_clean_and_not_blank() {
        assertEquals(List.of("content: is required"), Violations.of(() -> command("user", null, null, null, null)));
        assertEquals(List.of("content: must not be empty", "content: must not be blank"),
                Violations.of(() -> command("user", "", null, null, null)));
        assertEquals(List.of("content: must not be blank"), Violations.of(() -> command("user", " \n\t", null, null, null)));
        assertEquals(List.of("content: must be valid Unicode without NUL characters"),
                Violations.of(() -> command("user", "a\u0000b", null, null, null)));
        assertEquals(List.of("content: must be valid Unicode without NUL characters"),
                Violations.of(() -> command("user", "a\ud800b", null, null, null)));
    }

    @Test
    void intent_is_1_to_100_characters_and_confidence_between_0_and_1() {
        assertEquals(List.of("intent: must not be empty"), Violations.of(() -> command("user", "x", "", null, null)));
        assertEquals(List.of("intent: must have at most 100 characters"), Violations.of(() -> command("user", "x", "i".repeat(101), null, null)));
        assertEquals(List.of("confidence: must be a number between 0 and 1"), Violations.of(() -> command("user", "x", null, 1.01, null)));
        assertEquals(List.of("confidence: must be a number between 0 and 1"), Violations.of(() -> command("user", "x", null, -0.1, null)));
        assertEquals(1.0, command("user", "x", null, 1, null).confidence());
        assertEquals(0.0, command("user", "x", null, 0, null).confidence());
    }

    @Test
    void the_idempotency_key_is_1_to_128_printable_ascii_without_spaces() {
        assertEquals("~!09AZaz", command("user", "x", null, null, "~!09AZaz").idempotencyKey());
        assertEquals(128, command("user", "x", null, null, "k".repeat(128)).idempotencyKey().length());
        for (String bad : new String[]{"", "k".repeat(129), "with space", "tab\t", "é", "nul\u0000"}) {
            assertEquals(List.of("Idempotency-Key"), Violations.fields(() -> command("user", "x", null, null, bad)), bad);
        }
        assertNull(command("user", "x", null, null, null).idempotencyKey());
    }

    @Test
    void metadata_bounds_apply() {
        assertEquals(List.of("metadata"), Violations.fields(
                () -> AppendMessageCommand.of(REF, "user", "x", null, null, Map.of("k", "\u0000"), null)));
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        List<String> fields = Violations.fields(() -> command("robot", "", "", 7, "bad key"));
        assertTrue(fields.containsAll(List.of("role", "content", "intent", "confidence", "Idempotency-Key")), fields.toString());
    }
}
