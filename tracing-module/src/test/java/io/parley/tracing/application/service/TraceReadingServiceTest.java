package io.parley.tracing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.tracing.application.port.in.ReadTracesUseCase.TraceView;
import io.parley.tracing.application.port.out.LoadSpansPort;
import io.parley.tracing.domain.OperationType;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class TraceReadingServiceTest {

    static final Caller ALICE = Caller.authenticated("alice", null, null, null);
    static final UUID CONVERSATION = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");
    static final UUID OTHER = UUID.fromString("0193a1b2-0000-7000-8000-000000000002");
    static final UUID MESSAGE = UUID.fromString("0193a1b2-0000-7000-8000-0000000000ee");

    @Mock
    LoadSpansPort spans;
    @Mock
    ConversationDirectory conversations;
    TraceReadingService service;

    @BeforeEach
    void setUp() {
        TraceReadSettings settings = new TraceReadSettings();
        settings.setMaxSpans(3);
        service = new TraceReadingService(spans, conversations, settings);
    }

    static Span span(int n, Integer parent) {
        return new Span(new UUID(1, n), new UUID(9, 9), parent == null ? null : new UUID(1, parent), CONVERSATION, null, "agent",
                OperationType.OTHER, "s", SpanStatus.OK, Instant.EPOCH.plusSeconds(n), null, null, null, null, null, null, null);
    }

    @Test
    void a_malformed_id_is_not_found_without_asking_anyone() {
        assertThrows(NotFoundException.class, () -> service.forConversation("not-a-uuid", ALICE));
        assertThrows(NotFoundException.class, () -> service.forMessage("0193a1b2", ALICE));
        verifyNoInteractions(spans, conversations);
    }

    @Test
    void a_conversation_the_caller_may_not_read_is_not_found_and_its_spans_are_never_loaded() {
        when(conversations.requireReadable(CONVERSATION, ALICE)).thenThrow(new NotFoundException("conversation"));

        assertThrows(NotFoundException.class, () -> service.forConversation(CONVERSATION.toString(), ALICE));
        verify(spans, never()).byConversation(any(), anyInt());
    }

    @Test
    void a_readable_conversation_answers_its_trees_and_totals() {
        when(spans.byConversation(CONVERSATION, 4)).thenReturn(List.of(span(2, 1), span(1, null), span(3, null)));

        TraceView view = service.forConversation(CONVERSATION.toString(), ALICE);

        verify(conversations).requireReadable(CONVERSATION, ALICE);
        assertEquals(CONVERSATION, view.conversationId());
        assertNull(view.messageId());
        assertEquals(2, view.trees().size());
        assertEquals(3, view.totals().spans());
        assertFalse(view.truncated());
    }

    @Test
    void more_spans_than_the_limit_are_cut_and_flagged() {
        when(spans.byConversation(CONVERSATION, 4)).thenReturn(List.of(span(1, null), span(2, null), span(3, null), span(4, null)));

        TraceView view = service.forConversation(CONVERSATION.toString(), ALICE);

        assertTrue(view.truncated());
        assertEquals(3, view.totals().spans());
    }

    @Test
    void a_message_no_span_names_is_not_found() {
        when(spans.conversationsOfMessage(MESSAGE)).thenReturn(Set.of());

        assertThrows(NotFoundException.class, () -> service.forMessage(MESSAGE.toString(), ALICE));
        verifyNoInteractions(conversations);
    }

    @Test
    void a_message_of_a_conversation_the_caller_may_not_read_is_not_found() {
        when(spans.conversationsOfMessage(MESSAGE)).thenReturn(Set.of(CONVERSATION));
        when(conversations.requireReadable(CONVERSATION, ALICE)).thenThrow(new NotFoundException("conversation"));

        var e = assertThrows(NotFoundException.class, () -> service.forMessage(MESSAGE.toString(), ALICE));
        assertEquals("message not found", e.getMessage());
        verify(spans, never()).tracesOfMessage(any(), any(), anyInt());
    }

    @Test
    void only_spans_of_readable_conversations_are_loaded_for_a_message() {
        when(spans.conversationsOfMessage(MESSAGE)).thenReturn(Set.of(CONVERSATION, OTHER));
        when(conversations.requireReadable(CONVERSATION, ALICE)).thenReturn(SpanIngestionServiceTest.view(CONVERSATION));
        when(conversations.requireReadable(OTHER, ALICE)).thenThrow(new NotFoundException("conversation"));
        when(spans.tracesOfMessage(MESSAGE, Set.of(CONVERSATION), 4)).thenReturn(new ArrayList<>(List.of(span(1, null))));

        TraceView view = service.forMessage(MESSAGE.toString(), ALICE);

        assertEquals(CONVERSATION, view.conversationId());
        assertEquals(MESSAGE, view.messageId());
        assertEquals(1, view.trees().size());
    }
}
