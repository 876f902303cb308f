package io.parley.tracing.adapter.in.conversation;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.conversation.api.AssistantTraceSink;
import io.parley.kernel.FieldError;
import io.parley.kernel.Ids;
import io.parley.kernel.RuleViolationException;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 6 item 4: the chat turn records spans in-process with the same rules as the HTTP route. */
@MicronautTest(transactional = false)
class AssistantTraceSinkIntegrationTest implements PostgresBacked {

    @Inject
    AssistantTraceSink sink;

    private static AssistantTraceSink.Span span(UUID conversation, UUID message, String operation) {
        UUID id = Ids.newId();
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        return new AssistantTraceSink.Span(id, id, null, conversation, message, "assistant", operation, "turn", "ok",
                start, start.plusMillis(12), 40, 8, new BigDecimal("0.0004"), "model-x", Map.of("intent", "billing.refund"), null);
    }

    private static long stored(UUID conversation) {
        return Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ?", conversation);
    }

    @Test
    void spans_are_stored_without_http_and_a_repeat_is_a_no_op() {
        UUID conversation = Fixtures.conversation("alice").id();
        UUID message = Fixtures.message(conversation, "assistant", "answer");
        var spans = List.of(span(conversation, message, "retrieval"), span(conversation, message, "handoff_decision"));

        sink.record(spans);
        sink.record(spans);

        assertEquals(2, stored(conversation));
    }

    @Test
    void an_invalid_span_refuses_the_whole_batch_with_the_same_errors_as_the_route() {
        UUID conversation = Fixtures.conversation("alice").id();

        var e = assertThrows(RuleViolationException.class,
                () -> sink.record(List.of(span(conversation, null, "retrieval"), span(conversation, null, "magic"))));

        assertEquals("spans[1].operation_type", e.errors().get(0).field());
        assertEquals(0, stored(conversation));
        var missing = assertThrows(RuleViolationException.class, () -> sink.record(List.of(span(Ids.newId(), null, "other"))));
        assertEquals(List.of(new FieldError("spans[0].conversation_id", "no such conversation")), missing.errors());
    }
}
