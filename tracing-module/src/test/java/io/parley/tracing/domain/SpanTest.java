package io.parley.tracing.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static io.parley.tracing.domain.TestSpans.T0;
import static io.parley.tracing.domain.TestSpans.id;
import static io.parley.tracing.domain.TestSpans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpanTest {

    @Test
    void duration_is_end_minus_start_in_milliseconds_and_unknown_while_open() {
        Span ended = new Span(id(1), id(0), null, id(9), null, "a", OperationType.RETRIEVAL, "n", SpanStatus.OK,
                T0, T0.plusNanos(1_500_000), null, null, null, null, null, null);

        assertEquals(1.5, ended.durationMs());
        assertNull(span(2, null, 0, null).durationMs());
    }

    @Test
    void its_invariants_match_the_table_constraints() {
        assertThrows(IllegalArgumentException.class, () -> span(1, 1, 0, 1L), "own parent");
        assertThrows(IllegalArgumentException.class, () -> span(1, null, 10, 9L), "ends before it starts");
        assertThrows(IllegalArgumentException.class, () -> new Span(id(1), id(0), null, id(9), null, "a", OperationType.OTHER, "n",
                SpanStatus.OK, T0, null, -1, null, null, null, null, null), "negative tokens");
        assertThrows(IllegalArgumentException.class, () -> new Span(id(1), id(0), null, id(9), null, "a", OperationType.OTHER, "n",
                SpanStatus.OK, T0, null, null, null, Span.COST_LIMIT, null, null, null), "cost at the limit");
        assertThrows(NullPointerException.class, () -> new Span(id(1), id(0), null, null, null, "a", OperationType.OTHER, "n",
                SpanStatus.OK, T0, null, null, null, BigDecimal.ONE, null, null, null), "no conversation");
    }

    @Test
    void new_content_keeps_everything_else() {
        Span span = span(1, null, 0, 5L);

        Span changed = span.withContent("renamed", Map.of("k", "v"), "boom");

        assertEquals("renamed", changed.name());
        assertEquals(Map.of("k", "v"), changed.payload());
        assertEquals("boom", changed.error());
        assertEquals(span, changed.withContent(span.name(), null, null));
    }

    @Test
    void wire_values_are_exact() {
        assertEquals(OperationType.HANDOFF_DECISION, OperationType.fromWire("handoff_decision").orElseThrow());
        assertEquals(true, OperationType.fromWire("LLM_CALL").isEmpty());
        assertEquals("llm_call, tool_call, retrieval, guardrail, handoff_decision, other", OperationType.WIRE_VALUES);
        assertEquals(SpanStatus.ERROR, SpanStatus.fromWire("error").orElseThrow());
        assertEquals(true, SpanStatus.fromWire("failed").isEmpty());
    }
}
