package io.parley.tracing.domain;

import io.parley.tracing.domain.SpanPayload.InvalidPayloadException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanPayloadTest {

    @Test
    void only_a_json_object_is_a_payload() {
        for (Object notAnObject : new Object[]{List.of(1), "text", 3, true}) {
            var e = assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(notAnObject));
            assertEquals("must be a JSON object", e.getMessage());
        }
    }

    @Test
    void size_is_measured_as_postgresql_prints_jsonb() {
        // {"a": 1, "b": [true, null, "x\ny"], "é": {}}  ← jsonb::text, 44 bytes (é is 2 bytes, \n is escaped)
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("a", 1);
        payload.put("b", Arrays.asList(true, null, "x\ny"));
        payload.put("é", Map.of());

        assertEquals("{\"a\": 1, \"b\": [true, null, \"x\\ny\"], \"é\": {}}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                SpanPayload.normalize(payload).storedBytes());
    }

    @Test
    void numbers_become_decimals_measured_in_plain_notation() {
        var normalized = SpanPayload.normalize(Map.of("n", new BigDecimal("1E+3"), "d", 0.5, "i", BigInteger.TEN, "l", 7L));

        assertEquals(new BigDecimal("1E+3"), normalized.tree().get("n"));
        assertEquals(new BigDecimal("0.5"), normalized.tree().get("d"));
        assertEquals(new BigDecimal("10"), normalized.tree().get("i"));
        assertEquals(new BigDecimal("7"), normalized.tree().get("l"));
        // {"d": 0.5, "i": 10, "l": 7, "n": 1000}
        assertEquals(38, normalized.storedBytes());
    }

    @Test
    void the_limit_is_64_KiB_as_stored_inclusive() {
        // {"data": "..."}: 12 bytes around the string's content
        assertEquals(SpanPayload.MAX_STORED_BYTES,
                SpanPayload.normalize(Map.of("data", "x".repeat(SpanPayload.MAX_STORED_BYTES - 12))).storedBytes());
        var e = assertThrows(InvalidPayloadException.class,
                () -> SpanPayload.normalize(Map.of("data", "x".repeat(SpanPayload.MAX_STORED_BYTES - 11))));
        assertEquals("must be at most 65536 bytes as stored JSON", e.getMessage());
    }

    @Test
    void escapes_count_as_postgresql_writes_them() {
        assertEquals(2 + 6 + 2 + 2, SpanPayload.stringBytes("\u0001\"\\"));
        assertEquals(2 + 4, SpanPayload.stringBytes("😀"));
        assertEquals(2 + 3, SpanPayload.stringBytes("€"));
    }

    @Test
    void a_tiny_exponent_cannot_smuggle_a_huge_number() {
        var e = assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("n", new BigDecimal("1e999999999"))));
        assertTrue(e.getMessage().contains("digits"));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("n", new BigDecimal("1e-999999999"))));
    }

    @Test
    void what_postgresql_cannot_store_is_refused() {
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k", "nul\u0000")));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k\u0000", "v")));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k", "\ud800 lone surrogate")));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k", Double.POSITIVE_INFINITY)));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k", Double.NaN)));
        assertThrows(InvalidPayloadException.class, () -> SpanPayload.normalize(Map.of("k", new Object())));
    }

    @Test
    void deep_nesting_is_copied() {
        Map<String, Object> deep = Map.of("leaf", "x");
        for (int i = 0; i < 500; i++) {
            deep = Map.of("n", deep);
        }
        assertTrue(SpanPayload.normalize(deep).storedBytes() > 500);
    }
}
