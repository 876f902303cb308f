package io.parley.tracing.application.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.kernel.Caller;
import io.parley.kernel.FieldError;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import io.parley.tracing.application.port.in.IngestSpansCommand;
import io.parley.tracing.application.port.in.IngestSpansUseCase.IngestResult;
import io.parley.tracing.application.port.in.SpanInput;
import io.parley.tracing.application.port.out.SaveSpansPort;
import io.parley.tracing.domain.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class SpanIngestionServiceTest {

    static final Caller SERVICE = Caller.authenticated("bot", Set.of(Role.SERVICE), null, null);
    static final UUID CONVERSATION = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");
    static final UUID OTHER_CONVERSATION = UUID.fromString("0193a1b2-0000-7000-8000-000000000002");

    @Mock
    SaveSpansPort store;
    @Mock
    ConversationDirectory conversations;
    @Mock
    Redactor redactor;
    SimpleMeterRegistry meters;
    SpanIngestionService service;

    @BeforeEach
    void setUp() {
        meters = new SimpleMeterRegistry();
        service = new SpanIngestionService(store, conversations, redactor, meters);
        lenient().when(conversations.find(CONVERSATION)).thenReturn(Optional.of(view(CONVERSATION)));
        lenient().when(redactor.redactTree(any())).thenAnswer(call -> new Redacted<>(call.getArgument(0), 0));
        lenient().when(redactor.redact(any())).thenAnswer(call -> new Redacted<>(call.getArgument(0), 0));
        // the kernel's redact-then-fit, over the stubbed redact
        lenient().when(redactor.redactToFit(any(), anyInt())).thenCallRealMethod();
    }

    static ConversationView view(UUID id) {
        return new ConversationView(id, "session", null, null, "web", null, "open", null, 0, null, null, null);
    }

    static SpanInput span(String id, UUID conversation, String messageId, Object payload, String error) {
        return new SpanInput(id, "0193a1b2-0000-7000-8000-0000000000aa", null, conversation.toString(), messageId, "agent",
                "retrieval", "search", "ok", "2026-11-23T10:00:00Z", null, null, null, null, null, payload, error);
    }

    static String id(int n) {
        return String.format("0193a1b2-0000-7000-8000-%012d", n);
    }

    private double counted(String outcome) {
        return meters.get("parley.traces.spans").tag("outcome", outcome).counter().count();
    }

    @SuppressWarnings("unchecked")
    private List<Span> stored() {
        ArgumentCaptor<List<Span>> captor = ArgumentCaptor.forClass(List.class);
        verify(store).insertNew(captor.capture());
        return captor.getValue();
    }

    private static IngestSpansCommand batch(SpanInput... spans) {
        return IngestSpansCommand.of(List.of(spans));
    }

    @Test
    void only_the_service_records_traces() {
        for (Role role : new Role[]{Role.USER, Role.AGENT, Role.ADMIN}) {
            Caller caller = Caller.authenticated("x", Set.of(role), null, null);
            assertThrows(ForbiddenException.class, () -> service.ingest(batch(span(id(1), CONVERSATION, null, null, null)), caller));
        }
        assertThrows(ForbiddenException.class, () -> service.ingest(batch(), Caller.anonymous()));
        verifyNoInteractions(store);
    }

    @Test
    void new_spans_are_accepted_and_known_ones_are_duplicates() {
        when(store.insertNew(anyList())).thenReturn(2);

        IngestResult result = service.ingest(batch(span(id(1), CONVERSATION, null, null, null), span(id(2), CONVERSATION, null, null, null),
                span(id(3), CONVERSATION, null, null, null)), SERVICE);

        assertEquals(new IngestResult(2, 1, 0), result);
        assertEquals(3, stored().size());
        assertEquals(2.0, counted("accepted"));
        assertEquals(1.0, counted("duplicate"));
        assertEquals(0.0, counted("rejected"));
    }

    @Test
    void an_id_repeated_in_one_batch_is_sent_once_and_counted_as_a_duplicate() {
        when(store.insertNew(anyList())).thenReturn(1);

        IngestResult result = service.ingest(batch(span(id(1), CONVERSATION, null, Map.of("first", true), null),
                span(id(1), CONVERSATION, null, Map.of("second", true), null)), SERVICE);

        assertEquals(new IngestResult(1, 1, 0), result);
        List<Span> stored = stored();
        assertEquals(1, stored.size());
        assertEquals(Map.of("first", true), stored.get(0).payload());
    }

    @Test
    void a_valid_batch_is_stored_without_looking_up_its_conversations() {
        when(store.insertNew(anyList())).thenReturn(1);

        service.ingest(batch(span(id(1), CONVERSATION, null, null, null)), SERVICE);

        verifyNoInteractions(conversations); // the foreign key is the check: one round trip
    }

    @Test
    void a_batch_naming_a_missing_conversation_is_refused_with_the_index_of_every_span_that_names_it() {
        when(store.insertNew(anyList())).thenThrow(new SaveSpansPort.MissingReferenceException("conversation_id", OTHER_CONVERSATION));
        when(conversations.find(OTHER_CONVERSATION)).thenReturn(Optional.empty());

        var e = assertThrows(RuleViolationException.class, () -> service.ingest(batch(span(id(1), CONVERSATION, null, null, null),
                span(id(2), OTHER_CONVERSATION, null, null, null), span(id(3), OTHER_CONVERSATION, null, null, null)), SERVICE));

        assertEquals(List.of(new FieldError("spans[1].conversation_id", "no such conversation"),
                new FieldError("spans[2].conversation_id", "no such conversation")), e.errors());
        verify(conversations).find(OTHER_CONVERSATION); // once per conversation, not per span
        assertEquals(3.0, counted("rejected"));
    }

    @Test
    void every_missing_conversation_is_named_though_the_database_reports_only_the_first() {
        UUID third = UUID.fromString("0193a1b2-0000-7000-8000-000000000003");
        when(store.insertNew(anyList())).thenThrow(new SaveSpansPort.MissingReferenceException("conversation_id", OTHER_CONVERSATION));
        when(conversations.find(OTHER_CONVERSATION)).thenReturn(Optional.empty());
        when(conversations.find(third)).thenReturn(Optional.empty());

        var e = assertThrows(RuleViolationException.class, () -> service.ingest(batch(span(id(1), OTHER_CONVERSATION, null, null, null),
                span(id(2), CONVERSATION, null, null, null), span(id(3), third, null, null, null)), SERVICE));

        assertEquals(List.of(new FieldError("spans[0].conversation_id", "no such conversation"),
                new FieldError("spans[2].conversation_id", "no such conversation")), e.errors());
    }

    @Test
    void an_invalid_batch_never_reaches_the_store_and_counts_as_rejected() {
        SpanInput bad = new SpanInput(id(2), "x", null, CONVERSATION.toString(), null, "agent", "dance", "n", "ok",
                "2026-11-23T10:00:00Z", null, null, null, null, null, null, null);

        assertThrows(RuleViolationException.class, () -> service.ingest(batch(span(id(1), CONVERSATION, null, null, null), bad), SERVICE));

        verifyNoInteractions(store, conversations);
        assertEquals(2.0, counted("rejected"));
    }

    @Test
    void payloads_and_error_texts_are_stored_redacted() {
        when(redactor.redactTree(Map.of("card", "4111 1111 1111 1111")))
                .thenReturn(new Redacted<>(Map.of("card", "[REDACTED:CARD]"), 1));
        when(redactor.redact("token Bearer abc.def.ghi")).thenReturn(new Redacted<>("token [REDACTED:BEARER]", 1));
        when(redactor.redact("search")).thenReturn(new Redacted<>("search [REDACTED:API_KEY]", 1));
        when(store.insertNew(anyList())).thenReturn(1);

        IngestResult result = service.ingest(batch(span(id(1), CONVERSATION, null, Map.of("card", "4111 1111 1111 1111"),
                "token Bearer abc.def.ghi")), SERVICE);

        Span stored = stored().get(0);
        assertEquals(Map.of("card", "[REDACTED:CARD]"), stored.payload());
        assertEquals("token [REDACTED:BEARER]", stored.error());
        assertEquals("search [REDACTED:API_KEY]", stored.name());
        assertEquals(3, result.redactions());
    }

    @Test
    void a_payload_that_redaction_pushed_past_the_limit_is_refused() {
        when(redactor.redactTree(any())).thenReturn(new Redacted<>(Map.of("k", "x".repeat(70_000)), 1));

        var e = assertThrows(RuleViolationException.class,
                () -> service.ingest(batch(span(id(1), CONVERSATION, null, Map.of("k", "short"), null)), SERVICE));

        assertEquals("spans[0].payload", e.errors().get(0).field());
        verifyNoInteractions(store);
    }

    @Test
    void a_name_or_error_text_that_redaction_made_too_long_is_cut() {
        when(redactor.redact(any())).thenReturn(new Redacted<>("e".repeat(5000), 3));
        when(store.insertNew(anyList())).thenReturn(1);

        service.ingest(batch(span(id(1), CONVERSATION, null, null, "boom")), SERVICE);

        Span stored = stored().get(0);
        assertEquals(Span.ERROR_MAX, stored.error().codePointCount(0, stored.error().length()));
        assertEquals('…', stored.error().charAt(stored.error().length() - 1));
        assertEquals(Span.NAME_MAX, stored.name().codePointCount(0, stored.name().length()));
    }

    @Test
    void a_message_that_does_not_exist_is_named_by_every_span_that_names_it() {
        String missing = id(99);
        when(store.insertNew(anyList())).thenThrow(new SaveSpansPort.MissingReferenceException("message_id", UUID.fromString(missing)));

        var e = assertThrows(RuleViolationException.class, () -> service.ingest(batch(span(id(1), CONVERSATION, missing, null, null),
                span(id(2), CONVERSATION, null, null, null), span(id(3), CONVERSATION, missing, null, null)), SERVICE));

        assertEquals(List.of(new FieldError("spans[0].message_id", "no such message"),
                new FieldError("spans[2].message_id", "no such message")), e.errors());
        assertEquals(3.0, counted("rejected"));
    }

    @Test
    void a_missing_reference_the_database_did_not_name_still_answers_a_rule_violation() {
        when(store.insertNew(anyList())).thenThrow(new SaveSpansPort.MissingReferenceException("message_id", null));

        var e = assertThrows(RuleViolationException.class,
                () -> service.ingest(batch(span(id(1), CONVERSATION, id(5), null, null)), SERVICE));

        assertEquals("spans", e.errors().get(0).field());
    }
}
