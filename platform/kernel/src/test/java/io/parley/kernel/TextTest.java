package io.parley.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Cutting a text to a limit. */
class TextTest {

    @Test
    void a_text_within_the_limit_is_kept_as_it_is_whitespace_included() {
        String text = "two\n\nparagraphs";

        assertSame(text, Text.fit(text, text.length()));
    }

    @Test
    void a_longer_text_is_its_preview_cut_at_a_word_boundary_with_an_ellipsis() {
        assertEquals("one two…", Text.fit("one two three", 10));
        assertEquals(Text.preview("one two three", 10), Text.fit("one two three", 10));
    }

    @Test
    void the_limit_counts_code_points_not_chars() {
        String emoji = "\uD83D\uDE00".repeat(5);

        assertSame(emoji, Text.fit(emoji, 5));
        assertEquals(5, Text.fit(emoji + "x", 5).codePointCount(0, Text.fit(emoji + "x", 5).length()));
    }

    @Test
    void a_preview_collapses_every_run_of_whitespace_to_one_space_and_leaves_single_spaces_alone() {
        assertEquals("a b c d e", Text.preview("  a \t b\n\nc\u000Bd\r\fe  ", 100));
        assertEquals("a b", Text.preview("a  b", 100));
        String plain = "where is my order? It has not arrived yet.";
        assertEquals(plain, Text.preview(plain, 100));
        assertEquals("non\u00A0breaking kept", Text.preview("non\u00A0breaking kept", 100), "\\s is ASCII whitespace only");
    }
}
