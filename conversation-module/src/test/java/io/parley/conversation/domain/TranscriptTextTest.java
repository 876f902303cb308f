package io.parley.conversation.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptTextTest {

    final Conversation conversation = Conversations.ownedBy("alice");
    final Message multiline = new Message(UUID.randomUUID(), conversation.id(), 2, MessageRole.ASSISTANT,
            "first line\nsecond line", null, null, Map.of(), 0, Instant.parse("2026-11-23T10:15:30.123Z"));

    @Test
    void plain_text_has_a_header_with_the_conversations_facts() {
        String header = TranscriptText.plainHeader(conversation);
        assertTrue(header.startsWith("Conversation " + conversation.id() + "\n"), header);
        assertTrue(header.contains("Channel: web | Locale: en-US | Status: open | Messages: 0"), header);
        assertTrue(header.contains("Started: 2026-11-23T10:00:00Z"), header);
    }

    @Test
    void a_plain_message_is_one_block_with_time_seq_and_role_label() {
        assertEquals("[2026-11-23T10:15:30.123Z] #2 Assistant: first line\n    second line\n", TranscriptText.plainMessage(multiline));
    }

    @Test
    void markdown_quotes_every_line_of_what_people_wrote() {
        assertEquals("**Assistant** · 2026-11-23T10:15:30.123Z · #2\n\n> first line\n> second line\n\n",
                TranscriptText.markdownMessage(multiline));
        assertTrue(TranscriptText.markdownHeader(conversation).startsWith("# Conversation " + conversation.id()));
    }
}
