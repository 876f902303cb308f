package io.parley.conversation.domain;

import io.parley.kernel.Validation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentLimitsTest {

    @Test
    void the_defaults_are_1000_for_users_and_8000_for_assistant_and_system() {
        assertEquals(1000, ContentLimits.DEFAULTS.maxFor(MessageRole.USER));
        assertEquals(8000, ContentLimits.DEFAULTS.maxFor(MessageRole.ASSISTANT));
        assertEquals(8000, ContentLimits.DEFAULTS.maxFor(MessageRole.SYSTEM));
    }

    @Test
    void content_at_the_limit_passes_one_character_more_breaks_the_rule() {
        ContentLimits limits = new ContentLimits(5, 10, 10);
        assertTrue(limits.check(Validation.check(), MessageRole.USER, "12345").isValid());
        assertFalse(limits.check(Validation.check(), MessageRole.USER, "123456").isValid());
        assertTrue(limits.check(Validation.check(), MessageRole.ASSISTANT, "123456").isValid());
    }

    @Test
    void characters_are_code_points_so_an_emoji_counts_once() {
        ContentLimits limits = new ContentLimits(2, 10, 10);
        assertTrue(limits.check(Validation.check(), MessageRole.USER, "😀😀").isValid());
        assertFalse(limits.check(Validation.check(), MessageRole.USER, "😀😀😀").isValid());
    }

    @Test
    void a_limit_the_database_could_never_store_is_refused_at_startup() {
        assertThrows(IllegalArgumentException.class, () -> new ContentLimits(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ContentLimits(10, ContentLimits.STORAGE_MAX + 1, 10));
    }
}
