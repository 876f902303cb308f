package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every module's commands share: idempotency keys and language tags. */
class ValidationTest {

    @Test
    void an_idempotency_key_is_absent_or_1_to_128_printable_ascii_characters_without_spaces() {
        assertTrue(Validation.check().idempotencyKey(null).isValid());
        assertTrue(Validation.check().idempotencyKey("retry-1:~!").isValid());
        assertTrue(Validation.check().idempotencyKey("k".repeat(128)).isValid());
        for (String bad : List.of("", "k".repeat(129), "with space", "tab\t", "caf\u00e9")) {
            var refused = assertThrows(RuleViolationException.class, () -> Validation.check().idempotencyKey(bad).throwIfInvalid(), bad);
            assertEquals(Validation.IDEMPOTENCY_KEY, refused.errors().get(0).field());
        }
    }

    @Test
    void a_language_tag_is_a_two_or_three_letter_language_with_up_to_three_subtags() {
        for (String good : List.of("en", "en-US", "pt_BR", "zh_Hant_TW", "gsw-CH-x1-ab", "de-CH-1996", "fil")) {
            assertTrue(Validation.isLanguageTag(good), good);
        }
        for (String bad : List.of("", "e", "english", "english!", "en-", "en--US", "en US", "en-US-a-b-c", "12", "12-34", "en-US; DROP TABLE")) {
            assertFalse(Validation.isLanguageTag(bad), bad);
        }
        assertFalse(Validation.isLanguageTag(null));
    }

    @Test
    void a_locale_field_is_absent_or_a_language_tag() {
        assertTrue(Validation.check().locale(null, "locale", "bad").isValid());
        var refused = assertThrows(RuleViolationException.class, () -> Validation.check().locale("en US", "locale", "bad").throwIfInvalid());
        assertEquals(List.of(new FieldError("locale", "bad")), refused.errors());
    }
}
