package io.parley.knowledge.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A passage is quoted as a readable excerpt, and names the intent of an answer taken from it. */
class KnowledgePassageTest {

    private static KnowledgePassage passage(String text, String... tags) {
        return new KnowledgePassage(UUID.randomUUID(), "Title", List.of(tags), 0.5, text);
    }

    @Test
    void a_short_paragraph_is_quoted_whole_with_whitespace_collapsed() {
        assertEquals("Refunds take 5 days. Cards are slower.", passage("  Refunds take 5 days.\n  Cards   are slower. ").excerpt(700));
    }

    @Test
    void a_long_paragraph_is_cut_after_the_last_whole_sentence_that_fits() {
        String text = "First sentence is here. Second sentence is a little longer. " + "Third goes on and on ".repeat(20);
        assertEquals("First sentence is here. Second sentence is a little longer.", passage(text).excerpt(80));
    }

    @Test
    void without_a_sentence_end_it_is_cut_at_a_word_and_marked() {
        String excerpt = passage("word ".repeat(100)).excerpt(50);
        assertTrue(excerpt.endsWith("word…"), excerpt);
        assertTrue(excerpt.length() <= 50, excerpt);
    }

    @Test
    void the_intent_is_the_first_tag_or_general() {
        assertEquals("billing.refund", passage("x", "billing.refund", "billing").intent());
        assertEquals("general", passage("x").intent());
    }
}
