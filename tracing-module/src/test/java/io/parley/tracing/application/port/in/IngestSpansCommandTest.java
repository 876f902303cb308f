package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.tracing.domain.OperationType;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestSpansCommandTest {

    static final String CONVERSATION = "0193a1b2-0000-7000-8000-000000000001";

    static SpanInput valid() {
        return new SpanInput(UUID.randomUUID().toString(), "0193a1b2-0000-7000-8000-0000000000aa", null, CONVERSATION, null,
                "support-agent", "llm_call", "answer", "ok", "2026-11-23T09:00:00.123456789Z", "2026-11-23T10:00:01+01:00",
                120L, 30L, new BigDecimal("0.0012345"), "model-x", Map.of("prompt", "hi"), null);
    }

    /** A copy of the valid span with one component changed (by name, as the record spells it). */
    static SpanInput with(String component, Object value) {
        SpanInput v = valid();
        Object[] values = {v.id(), v.traceId(), v.parentId(), v.conversationId(), v.messageId(), v.agentType(), v.operationType(),
                v.name(), v.status(), v.startedAt(), v.endedAt(), v.inputTokens(), v.outputTokens(), v.costUsd(), v.model(),
                v.payload(), v.error()};
        List<String> names = List.of("id", "traceId", "parentId", "conversationId", "messageId", "agentType", "operationType",
                "name", "status", "startedAt", "endedAt", "inputTokens", "outputTokens", "costUsd", "model", "payload", "error");
        values[names.indexOf(component)] = value;
        return new SpanInput((String) values[0], (String) values[1], (String) values[2], (String) values[3], (String) values[4],
                (String) values[5], (String) values[6], (String) values[7], (String) values[8], (String) values[9],
                (String) values[10], (Long) values[11], (Long) values[12], (BigDecimal) values[13], (String) values[14],
                values[15], (String) values[16]);
    }

    private static List<FieldError> errorsOf(List<SpanInput> spans) {
        return assertThrows(RuleViolationException.class, () -> IngestSpansCommand.of(spans).spans()).errors();
    }

    @Test
    void a_refused_batch_keeps_its_verdict_until_its_spans_are_asked_for() {
        IngestSpansCommand refused = IngestSpansCommand.of(List.of(valid(), with("status", "bad"), with("status", "worse")));

        assertEquals(3, refused.offered(), "every span sent counts, valid or not");
        RuleViolationException refusal = assertThrows(RuleViolationException.class, refused::spans);
        assertEquals(List.of("spans[1].status", "spans[2].status"), refusal.errors().stream().map(FieldError::field).toList());
        assertEquals(0, IngestSpansCommand.of(null).offered());
    }

    @Test
    void a_valid_span_is_parsed() {
        Span span = IngestSpansCommand.of(List.of(valid())).spans().get(0);

        assertEquals(OperationType.LLM_CALL, span.operationType());
        assertEquals(SpanStatus.OK, span.status());
        assertEquals(Instant.parse("2026-11-23T09:00:00.123456Z"), span.startedAt(), "cut to PostgreSQL's microseconds");
        assertEquals(Instant.parse("2026-11-23T09:00:01Z"), span.endedAt(), "offset applied");
        assertEquals(new BigDecimal("0.001235"), span.costUsd(), "rounded to micro-dollars");
        assertEquals(Map.of("prompt", "hi"), span.payload());
        assertNull(span.parentId());
    }

    @Test
    void a_batch_has_1_to_500_spans() {
        assertEquals(List.of(new FieldError("spans", "must contain 1 to 500 spans")), errorsOf(List.of()));
        assertEquals("spans", errorsOf(null).get(0).field());
        assertEquals("spans", errorsOf(Collections.nCopies(501, valid())).get(0).field());
        assertEquals(500, IngestSpansCommand.of(Collections.nCopies(500, valid())).spans().size());
    }

    static Stream<Object[]> brokenRules() {
        return Stream.of(
                new Object[]{"id", "not-a-uuid", "id", "must be a UUID"},
                new Object[]{"id", null, "id", "is required"},
                new Object[]{"traceId", "0193a1b2-0000-7000-8000-00000000000", "trace_id", "must be a UUID"},
                new Object[]{"parentId", "{0193a1b2-0000-7000-8000-000000000001}", "parent_id", "must be a UUID"},
                new Object[]{"conversationId", null, "conversation_id", "is required"},
                new Object[]{"messageId", "1-1-1-1-1", "message_id", "must be a UUID"},
                new Object[]{"agentType", "", "agent_type", "must not be empty"},
                new Object[]{"agentType", "a".repeat(101), "agent_type", "must have at most 100 characters"},
                new Object[]{"operationType", "LLM_CALL", "operation_type",
                        "must be one of llm_call, tool_call, retrieval, guardrail, handoff_decision, other"},
                new Object[]{"operationType", null, "operation_type", "is required"},
                new Object[]{"name", "bad\u0000name", "name", "must be valid Unicode without NUL characters"},
                new Object[]{"name", "n".repeat(201), "name", "must have at most 200 characters"},
                new Object[]{"status", "failed", "status", "must be ok or error"},
                new Object[]{"startedAt", "yesterday", "started_at", "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-23T10:15:30.123Z"},
                new Object[]{"startedAt", "2026-11-23T10:00:00", "started_at", "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-23T10:15:30.123Z"},
                new Object[]{"startedAt", "+12026-11-23T10:00:00Z", "started_at", "must be between 1970 and 9999"},
                new Object[]{"endedAt", "2026-11-23T08:59:59Z", "ended_at", "must not be before started_at"},
                new Object[]{"inputTokens", -1L, "input_tokens", "must be an integer between 0 and 2147483647"},
                new Object[]{"outputTokens", 1L << 40, "output_tokens", "must be an integer between 0 and 2147483647"},
                new Object[]{"costUsd", new BigDecimal("-0.01"), "cost_usd", "must be at least 0 and below 100000000"},
                new Object[]{"costUsd", new BigDecimal("99999999.9999999"), "cost_usd", "must be at least 0 and below 100000000"},
                new Object[]{"model", "", "model", "must not be empty"},
                new Object[]{"payload", List.of("array"), "payload", "must be a JSON object"},
                new Object[]{"payload", Map.of("big", "x".repeat(70_000)), "payload", "must be at most 65536 bytes as stored JSON"},
                new Object[]{"error", "e".repeat(4001), "error", "must have at most 4000 characters"});
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("brokenRules")
    void a_broken_rule_names_the_span_and_its_field(String component, Object value, String field, String message) {
        List<SpanInput> spans = List.of(valid(), valid(), valid(), with(component, value));

        assertEquals(List.of(new FieldError("spans[3]." + field, message)), errorsOf(spans));
    }

    @Test
    void a_span_cannot_be_its_own_parent() {
        SpanInput span = with("parentId", null);
        SpanInput own = new SpanInput(span.id(), span.traceId(), span.id(), span.conversationId(), null, span.agentType(),
                span.operationType(), span.name(), span.status(), span.startedAt(), null, null, null, null, null, null, null);

        assertEquals(List.of(new FieldError("spans[0].parent_id", "must not be the span's own id")), errorsOf(List.of(own)));
    }

    @Test
    void every_broken_rule_of_every_span_is_reported_at_once() {
        List<FieldError> errors = errorsOf(List.of(with("status", "bad"), valid(), with("operationType", "x")));

        assertEquals(List.of("spans[0].status", "spans[2].operation_type"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void a_missing_span_object_is_named() {
        List<SpanInput> spans = new ArrayList<>(List.of(valid()));
        spans.add(null);

        assertEquals(List.of(new FieldError("spans[1]", "must be a span object")), errorsOf(spans));
    }

    @Test
    void the_error_list_is_capped_and_says_how_many_more_there_are() {
        List<FieldError> errors = errorsOf(Collections.nCopies(150, with("status", "bad")));

        assertEquals(IngestSpansCommand.MAX_REPORTED_ERRORS + 1, errors.size());
        assertEquals(new FieldError("spans", "50 more errors not listed"), errors.get(errors.size() - 1));
    }

    @Test
    void costs_are_rounded_to_micro_dollars_and_tiny_ones_are_zero() {
        UnaryOperator<String> cost = raw -> IngestSpansCommand.of(List.of(with("costUsd", new BigDecimal(raw))))
                .spans().get(0).costUsd().toPlainString();

        assertEquals("0.000001", cost.apply("0.0000005"));
        assertEquals("0.000000", cost.apply("1e-999999999"));
        assertEquals("99999999.999999", cost.apply("99999999.999999"));
        assertTrue(errorsOf(List.of(with("costUsd", new BigDecimal("1e999999999")))).get(0).field().endsWith("cost_usd"));
    }
}
