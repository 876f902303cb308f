package io.parley.kernel.redaction;

import io.parley.kernel.Text;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redact, then cut to a limit: the one way a text that must fit is stored. */
class RedactToFitTest {

    private static final String CARD = "4111 1111 1111 1111";
    private final Redactor redactor = new Redactor();

    @Test
    void a_text_that_fits_after_redaction_is_the_redacted_text() {
        Redacted<String> fitted = redactor.redactToFit("pay with " + CARD, 200);

        assertEquals(redactor.redact("pay with " + CARD), fitted);
    }

    @Test
    void a_marker_that_pushes_the_text_past_the_limit_is_cut_and_still_counted() {
        String text = "my card " + "4111111111111111";
        int limit = text.length();

        Redacted<String> fitted = redactor.redactToFit(text, limit);

        assertEquals(1, fitted.count());
        assertTrue(fitted.value().codePointCount(0, fitted.value().length()) <= limit, fitted.value());
        assertEquals(Text.fit(redactor.redact(text).value(), limit), fitted.value());
        assertFalse(fitted.value().contains("4111"), "redacted before the cut, so no half of a secret survives");
    }

    @Test
    void a_secret_that_straddles_the_limit_is_redacted_whole_before_the_cut() {
        String text = "x ".repeat(5) + CARD;

        Redacted<String> fitted = redactor.redactToFit(text, 14);

        assertEquals(1, fitted.count());
        assertFalse(fitted.value().matches(".*\\d{4}.*"), fitted.value());
    }

    @Test
    void null_stays_null() {
        assertNull(redactor.redactToFit(null, 10).value());
    }
}
