package io.parley.tracing.adapter.in.conversation;

import io.parley.conversation.api.AssistantTraceSink.Span;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import io.parley.tracing.application.port.in.IngestSpansUseCase;
import io.parley.tracing.application.port.in.SpanInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.InjectMocks;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

@ExtendWith(MockitoExtension.class)
class AssistantTraceSinkAdapterTest {

    @Mock
    IngestSpansUseCase ingestion;
    @InjectMocks
    AssistantTraceSinkAdapter sink;

    @Test
    void spans_go_through_the_same_use_case_as_the_http_route_as_the_service() {
        UUID id = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-23T10:00:00.123456Z");

        sink.record(List.of(new Span(id, id, null, conversation, message, "assistant", "retrieval", "kb search", "ok",
                start, start.plusMillis(5), 10, 2, new BigDecimal("0.5"), "m", Map.of("q", "refund"), null)));

        ArgumentCaptor<IngestSpansCommand> captor = ArgumentCaptor.forClass(IngestSpansCommand.class);
        verify(ingestion).ingest(captor.capture(), org.mockito.ArgumentMatchers.argThat(caller -> caller.has(Role.SERVICE)));
        IngestSpansCommand expected = IngestSpansCommand.of(List.of(new SpanInput(id.toString(), id.toString(), null, conversation.toString(), message.toString(), "assistant",
                "retrieval", "kb search", "ok", "2026-11-23T10:00:00.123456Z", "2026-11-23T10:00:00.128456Z", 10L, 2L,
                new BigDecimal("0.5"), "m", Map.of("q", "refund"), null)));
        assertEquals(expected.spans(), captor.getValue().spans());
        assertTrue(AssistantTraceSinkAdapter.ASSISTANT.has(Role.SERVICE));
    }

    @Test
    void nothing_to_record_is_not_an_error() {
        sink.record(List.of());
        sink.record(null);

        verifyNoInteractions(ingestion);
    }

    @Test
    void a_missing_span_reaches_validation_to_be_named() {
        java.util.List<Span> spans = new java.util.ArrayList<>();
        spans.add(null);

        sink.record(spans);

        ArgumentCaptor<IngestSpansCommand> captor = ArgumentCaptor.forClass(IngestSpansCommand.class);
        verify(ingestion).ingest(captor.capture(), any());
        assertEquals(1, captor.getValue().offered());
        RuleViolationException refusal = assertThrows(RuleViolationException.class, captor.getValue()::spans);
        assertEquals("spans[0]", refusal.errors().get(0).field());
    }
}
