package io.parley.app.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict body check on both of its paths: ASCII bodies parsed as bytes, any other decoded strictly first. */
class StrictJsonBodyFilterTest {

    private static boolean check(String body) {
        return StrictJsonBodyFilter.isOneStrictJsonValue(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ascii_bodies_are_one_strict_json_value_or_refused() {
        assertTrue(check("{\"role\":\"user\",\"content\":\"hello\"}"));
        assertFalse(check("{\"to\":\"A\",\"to\":\"B\"}"), "duplicate member");
        assertFalse(check("{}{}"), "data after the value");
        assertFalse(check("{\"a\":"), "truncated");
        assertFalse(check(" "), "no value");
    }

    @Test
    void zero_bytes_never_let_the_parser_guess_another_encoding() {
        // "{}" in UTF-16BE and UTF-32BE: ASCII bytes but for the zeros, which are not JSON
        assertFalse(StrictJsonBodyFilter.isOneStrictJsonValue(new byte[]{0, '{', 0, '}'}));
        assertFalse(StrictJsonBodyFilter.isOneStrictJsonValue(new byte[]{0, 0, 0, '{', 0, 0, 0, '}'}));
    }

    @Test
    void non_ascii_bodies_are_decoded_strictly() {
        assertTrue(check("{\"content\":\"Grüße, 你好\"}"));
        assertFalse(StrictJsonBodyFilter.isOneStrictJsonValue(new byte[]{'"', (byte) 0xC0, (byte) 0xAF, '"'}), "overlong encoding");
        assertFalse(StrictJsonBodyFilter.isOneStrictJsonValue(new byte[]{'"', (byte) 0xFF, '"'}), "stray byte");
    }
}
