package io.parley.conversation.domain;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Validation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataRulesTest {

    static Map<String, Object> nested(int depth) {
        return nested(depth, 1);
    }

    /** {@code depth} objects inside each other, the innermost holding {@code leaf}. */
    static Map<String, Object> nested(int depth, Object leaf) {
        Map<String, Object> tree = new LinkedHashMap<>(Map.of("leaf", leaf));
        for (int level = 1; level < depth; level++) {
            tree = new LinkedHashMap<>(Map.of("n", tree));
        }
        return tree;
    }

    static List<FieldError> errors(Map<String, Object> metadata) {
        try {
            MetadataRules.check(Validation.check(), "metadata", metadata).throwIfInvalid();
            return List.of();
        } catch (RuleViolationException e) {
            return e.errors();
        }
    }

    @Test
    void twenty_levels_pass_twenty_one_break_the_rule() {
        assertEquals(List.of(), errors(nested(20)));
        assertEquals(List.of(new FieldError("metadata", "must be nested at most 20 levels deep")), errors(nested(21)));
    }

    @Test
    void arrays_count_as_levels_too() {
        assertEquals(List.of(), errors(nested(19, List.of(1))));
        assertEquals(1, errors(nested(19, List.of(List.of(1)))).size());
    }

    @Test
    void the_size_is_the_compact_utf8_json_length_up_to_16_KiB() {
        // {"k":"…"} is 8 bytes around the value
        assertEquals(List.of(), errors(Map.of("k", "a".repeat(16 * 1024 - 8))));
        assertEquals(List.of(new FieldError("metadata", "must be at most 16384 bytes as JSON")),
                errors(Map.of("k", "a".repeat(16 * 1024 - 7))));
    }

    @Test
    void multibyte_characters_and_escapes_count_as_encoded() {
        // "é" is 2 bytes in UTF-8, a newline is written as \n (2 bytes)
        assertEquals(List.of(), errors(Map.of("k", "é".repeat((16 * 1024 - 8) / 2))));
        assertEquals(1, errors(Map.of("k", "é".repeat((16 * 1024 - 8) / 2 + 1))).size());
        assertEquals(1, errors(Map.of("k", "\n".repeat((16 * 1024 - 8) / 2 + 1))).size());
    }

    @Test
    void nul_and_lone_surrogates_are_refused_in_values_and_keys() {
        assertEquals(1, errors(Map.of("k", "a\u0000b")).size());
        assertEquals(1, errors(Map.of("k\ud800", "v")).size());
        assertEquals(1, errors(Map.of("k", List.of("\udc00"))).size());
        assertEquals(List.of(), errors(Map.of("k", "emoji 😀 is fine")));
    }

    @Test
    void numbers_must_be_finite() {
        assertEquals(1, errors(Map.of("k", Double.POSITIVE_INFINITY)).size());
        assertEquals(List.of(), errors(Map.of("k", 0.5, "n", 12, "big", new java.math.BigDecimal("1e40"))));
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        Map<String, Object> tree = nested(25);
        tree.put("bad", "\u0000");
        List<FieldError> errors = errors(tree);
        assertEquals(2, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.field().equals("metadata")));
    }

    @Test
    void null_and_empty_metadata_pass() {
        assertEquals(List.of(), errors(null));
        assertEquals(List.of(), errors(Map.of()));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertEquals(List.of(), errors(Map.of("k", withNull)));
    }
}
