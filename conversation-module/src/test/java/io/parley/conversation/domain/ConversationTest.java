package io.parley.conversation.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversationTest {

    @Test
    void a_short_first_message_is_the_whole_summary() {
        assertEquals("Where is my order?", Conversation.summaryPreviewOf("  Where is my order?\n"));
    }

    @Test
    void a_long_first_message_is_cut_on_a_word_boundary_within_100_characters() {
        String message = "I ordered a blue sweater three weeks ago and it still has not arrived, the tracking page says nothing "
                + "at all since Monday";
        String summary = Conversation.summaryPreviewOf(message);
        assertTrue(summary.codePointCount(0, summary.length()) <= 100, summary);
        assertTrue(summary.endsWith("…"), summary);
        assertTrue(message.startsWith(summary.substring(0, summary.length() - 1)), summary);
        assertTrue(message.charAt(summary.length() - 1) == ' ', "cut before a space: " + summary);
    }

    @Test
    void one_very_long_word_is_cut_hard() {
        String summary = Conversation.summaryPreviewOf("x".repeat(500));
        assertEquals(100, summary.codePointCount(0, summary.length()));
    }

    @Test
    void message_count_is_the_last_seq() {
        Conversation conversation = Conversations.ownedBy("alice");
        assertEquals(conversation.lastSeq(), conversation.messageCount());
        assertTrue(conversation.isOpen());
        assertFalse(Conversations.closed(conversation).isOpen());
        assertTrue(Conversations.guest().isGuest());
    }
}
