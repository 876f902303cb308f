package io.parley.chat.application.service;

import io.parley.chat.application.port.in.ChatTurnCommand;
import io.parley.chat.application.port.in.ChatTurnResult;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.domain.AssistantStep;
import io.parley.conversation.api.AssistantTraceSink;
import io.parley.conversation.api.ConversationMessages;
import io.parley.conversation.api.ConversationMessages.AppendedMessage;
import io.parley.conversation.api.ConversationMessages.NewMessage;
import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.CustomerConversations;
import io.parley.conversation.api.CustomerConversations.CustomerConversation;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.MessageView;
import io.parley.conversation.api.OverLimit;
import io.parley.conversation.api.WhoAnswers;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The chat turn against its ports: the conversation module's api (the conversation, its messages), the
 * assistant, escalation and the trace sink; what it stores, asks, escalates and traces, and what it refuses.
 */
class ChatTurnServiceTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final UUID DOC = UUID.fromString("01900000-0000-7000-8000-00000000d0c1");
    static final UUID TICKET = UUID.fromString("01900000-0000-7000-8000-000000007111");
    static final String GUEST_SESSION = "guest-session-0123456789abcdef";
    static final Caller ALICE = Caller.authenticated("alice", java.util.Set.of(io.parley.kernel.Role.USER), null, null);

    final CustomerConversations conversations = mock(CustomerConversations.class);
    final ConversationMessages messages = mock(ConversationMessages.class);
    final AssistantService assistant = mock(AssistantService.class);
    final Escalation escalation = mock(Escalation.class);
    final AssistantTraceSink traces = mock(AssistantTraceSink.class);
    final WhoAnswers whoAnswers = mock(WhoAnswers.class);
    final ChatTurnStore store = new ChatTurnStore(conversations, messages, Optional.of(whoAnswers));
    final ChatTurnService service = service(Optional.of(escalation));

    final ConversationView guests = view(GUEST_SESSION, null, "en-GB");
    final Caller guest = Caller.guest(GUEST_SESSION);
    final List<NewMessage> appended = new ArrayList<>();
    final List<OverLimit> policies = new ArrayList<>();

    ChatTurnService service(Optional<Escalation> escalation) {
        return new ChatTurnService(store, assistant, escalation, Optional.of(traces), CLOCK);
    }

    static ConversationView view(String session, UUID owner, String locale) {
        return new ConversationView(UUID.randomUUID(), session, owner, owner == null ? null : "alice", "web", locale, "open", null, 0,
                NOW, NOW, null);
    }

    static MessageView stored(UUID conversationId, NewMessage m, long seq) {
        return new MessageView(UUID.randomUUID(), conversationId, seq, m.role(), m.content(), m.intent(), m.confidence(), m.metadata(), 0,
                NOW);
    }

    @BeforeEach
    void storesWhatItIsGiven() {
        when(messages.maxContentLength("user")).thenReturn(30);
        when(messages.append(any(), any(), any())).thenAnswer(call -> {
            NewMessage message = call.getArgument(1);
            appended.add(message);
            policies.add(call.getArgument(2));
            return new AppendedMessage(stored(call.getArgument(0), message, appended.size()), false, true);
        });
        when(messages.before(any(), anyLong(), anyInt())).thenReturn(List.of());
        when(conversations.start(any(), any(), any(), any(), any())).thenReturn(new CustomerConversation(guests, guest));
        when(conversations.continueBySession(eq(GUEST_SESSION), any())).thenReturn(new CustomerConversation(guests, guest));
        when(whoAnswers.answererOf(any())).thenReturn(WhoAnswers.Assistant.INSTANCE);
    }

    static AssistantReply answer() {
        AssistantStep retrieval = new AssistantStep(AssistantStep.Kind.RETRIEVAL, "knowledge_search", NOW, NOW.plusMillis(3),
                null, null, null, Map.of("hits", 3), null);
        AssistantStep decision = new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", NOW, NOW,
                null, null, null, Map.of("recommended", false), null);
        return new AssistantReply("Open Settings and choose Reset password.", "account.password_reset", 0.8,
                List.of(new AssistantReply.Source(DOC, "Resetting a forgotten password")), false, null, "knowledge", null,
                List.of(retrieval, decision));
    }

    static AssistantReply handoff() {
        AssistantStep decision = new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", NOW, NOW,
                null, null, null, Map.of("recommended", true), null);
        return new AssistantReply("I'm bringing in a person.", "support.human_agent", 0.95, List.of(), true,
                "The customer asked to talk to a person.", "knowledge", null, List.of(decision));
    }

    static ChatTurnCommand first(String message) {
        return new ChatTurnCommand(null, message, null, "en-GB", Map.of("page", "/help"), null);
    }

    static ChatTurnCommand next(String session, String message, String key) {
        return new ChatTurnCommand(session, message, null, null, null, key);
    }

    @SuppressWarnings("unchecked")
    List<AssistantTraceSink.Span> recordedSpans() {
        ArgumentCaptor<List<AssistantTraceSink.Span>> spans = ArgumentCaptor.forClass(List.class);
        verify(traces).record(spans.capture());
        return spans.getValue();
    }

    // --- a turn ------------------------------------------------------------------------------

    @Test
    void a_first_turn_starts_a_conversation_stores_message_and_reply_and_asks_the_assistant_between() {
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = service.turn(first("How do I reset my password?"), Caller.anonymous());

        verify(conversations).start(Caller.anonymous(), "web", "en-GB", null, Duration.ofHours(24));
        NewMessage customer = appended.get(0);
        assertEquals(new NewMessage("user", "How do I reset my password?", null, null, Map.of("page", "/help"), null), customer);
        assertEquals(OverLimit.REJECT, policies.get(0), "the customer's message is refused over the limit, never cut");
        verify(assistant).reply(new AssistantRequest(guests.id(), "en-GB", "How do I reset my password?", List.of()));

        NewMessage reply = appended.get(1);
        assertEquals("assistant", reply.role());
        assertEquals(OverLimit.FIT, policies.get(1), "the reply is fitted to the limit: the customer gets an answer");
        assertEquals("Open Settings and choose Reset password.", reply.content());
        assertEquals("account.password_reset", reply.intent());
        assertEquals(0.8, reply.confidence());
        assertEquals("chat-reply:" + turn.message().id(), reply.idempotencyKey(), "one reply per customer message");
        assertEquals(turn.message().id().toString(), reply.metadata().get("in_reply_to"));
        assertEquals("knowledge", reply.metadata().get("provider"));
        assertEquals(List.of(Map.of("document_id", DOC.toString(), "title", "Resetting a forgotten password")), reply.metadata().get("sources"));

        assertEquals(guests, turn.conversation());
        assertEquals(List.of(new ChatTurnResult.Source(DOC, "Resetting a forgotten password")), turn.sources());
        assertNull(turn.handoff());
        assertFalse(turn.replayed());
        verifyNoInteractions(escalation);
    }

    @Test
    void the_turn_is_one_trace_a_chat_turn_root_with_the_assistants_steps_under_it_all_linked_to_the_reply() {
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = service.turn(first("How do I reset my password?"), Caller.anonymous());

        List<AssistantTraceSink.Span> spans = recordedSpans();
        AssistantTraceSink.Span root = spans.get(0);
        assertEquals("chat_turn", root.name());
        assertNull(root.parentId());
        assertEquals(List.of("retrieval", "handoff_decision"), spans.subList(1, 3).stream().map(AssistantTraceSink.Span::operationType).toList());
        for (AssistantTraceSink.Span span : spans) {
            assertEquals(root.traceId(), span.traceId());
            assertEquals(turn.reply().id(), span.messageId());
            assertEquals(turn.conversation().id(), span.conversationId());
            assertEquals("parley-assistant", span.agentType());
        }
        assertEquals(root.id(), spans.get(1).parentId());
        assertEquals(NOW.plusMillis(3), spans.get(1).endedAt(), "the step's own timing");
        assertFalse(spans.toString().contains("How do I reset"), "no message content in the trace");
    }

    @Test
    void a_further_turn_continues_the_session_and_shows_the_assistant_the_history_before_the_new_message() {
        MessageView earlier = new MessageView(UUID.randomUUID(), guests.id(), 1, "user", "hello", null, null, Map.of(), 0, NOW);
        when(messages.before(guests.id(), 1L, ChatTurnStore.HISTORY_MESSAGES)).thenReturn(List.of(earlier));
        when(assistant.reply(any())).thenReturn(answer());

        service.turn(next(GUEST_SESSION, "reset my password", null), Caller.anonymous());

        verify(assistant).reply(new AssistantRequest(guests.id(), "en-GB", "reset my password", List.of(new AssistantRequest.Turn("user", "hello"))));
        verify(conversations, never()).start(any(), any(), any(), any(), any());
    }

    @Test
    void a_conversation_the_caller_may_not_talk_in_is_not_found_and_nothing_is_stored_or_asked() {
        String alicesSession = "alices-session-0123456789abcdef";
        when(conversations.continueBySession(eq(alicesSession), any())).thenThrow(new NotFoundException("conversation"));

        assertThrows(NotFoundException.class, () -> service.turn(next(alicesSession, "hi", null), Caller.anonymous()));

        verify(messages, never()).append(any(), any(), any());
        verifyNoInteractions(assistant, escalation, traces);
    }

    @Test
    void a_closed_conversation_is_a_conflict_and_the_assistant_is_not_asked() {
        doThrow(new ConflictException("the conversation is closed")).when(messages).append(any(), any(), any());

        assertThrows(ConflictException.class, () -> service.turn(next(GUEST_SESSION, "hi", null), Caller.anonymous()));

        verifyNoInteractions(assistant, traces);
    }

    @Test
    void a_message_over_the_users_limit_is_refused_before_anything_happens() {
        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> service.turn(first("x".repeat(31)), Caller.anonymous()));

        assertEquals("message", refused.errors().get(0).field());
        assertEquals("must have at most 30 characters", refused.errors().get(0).message());
        verifyNoInteractions(conversations, assistant);
        verify(messages, never()).append(any(), any(), any());
    }

    // --- handoff -------------------------------------------------------------------------------

    @Test
    void a_recommended_handoff_escalates_as_the_customer_and_reports_the_ticket() {
        when(assistant.reply(any())).thenReturn(handoff());
        when(escalation.escalate(guests.id(), guest, "The customer asked to talk to a person."))
                .thenReturn(new Escalation.EscalationResult(TICKET, "T-1042", "PENDING_HUMAN_ASSIGNMENT", "internal", "pending",
                        "The customer asked to talk to a person.", true));

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "a human please", null), Caller.anonymous());

        assertEquals(ChatTurnResult.Handoff.recommended("The customer asked to talk to a person.", "internal", TICKET, "T-1042", "pending"),
                turn.handoff());
        assertEquals(List.of("other", "handoff_decision", "tool_call"), recordedSpans().stream().map(AssistantTraceSink.Span::operationType).toList(),
                "the escalation is a step of the turn");
    }

    @Test
    void without_ticketing_a_recommended_handoff_is_pending_without_a_ticket() {
        when(assistant.reply(any())).thenReturn(handoff());

        ChatTurnResult turn = service(Optional.empty()).turn(next(GUEST_SESSION, "a human please", null), Caller.anonymous());

        assertEquals(ChatTurnResult.Handoff.recommended("The customer asked to talk to a person.", null, null, null, "pending"), turn.handoff());
    }

    @Test
    void a_failing_escalation_still_answers_and_reports_the_handoff_as_failed() {
        when(assistant.reply(any())).thenReturn(handoff());
        when(escalation.escalate(any(), any(), any())).thenThrow(new IllegalStateException("down"));

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "a human please", null), Caller.anonymous());

        assertEquals("failed", turn.handoff().status());
        assertNull(turn.handoff().ticketId());
        AssistantTraceSink.Span escalate = recordedSpans().get(2);
        assertEquals("error", escalate.status());
        assertEquals("IllegalStateException", escalate.error());
    }

    // --- idempotency ---------------------------------------------------------------------------

    MessageView customerMessage(String content) {
        return new MessageView(UUID.randomUUID(), guests.id(), 1, "user", content, null, null, Map.of(), 0, NOW);
    }

    @Test
    void a_retry_finds_message_and_reply_stored_and_neither_asks_the_assistant_nor_traces_but_escalates_idempotently() {
        MessageView first = customerMessage("a human please");
        MessageView reply = new MessageView(UUID.randomUUID(), guests.id(), 2, "assistant", "I'm bringing in a person.",
                "support.human_agent", 0.95, ChatReplyMetadata.of(first.id(), handoff()), 0, NOW);
        doAnswer(call -> new AppendedMessage(first, true, true)).when(messages).append(any(), any(), any());
        when(messages.findByIdempotencyKey(guests.id(), "chat-reply:" + first.id())).thenReturn(Optional.of(reply));
        when(escalation.escalate(any(), any(), any())).thenReturn(new Escalation.EscalationResult(TICKET, "T-1042",
                "PENDING_HUMAN_ASSIGNMENT", "internal", "pending", "x", false));

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "a human please", "k"), Caller.anonymous());

        assertTrue(turn.replayed());
        assertEquals(first, turn.message());
        assertEquals(reply, turn.reply());
        assertEquals(TICKET, turn.handoff().ticketId());
        verifyNoInteractions(assistant, traces);
    }

    @Test
    void the_same_key_with_another_message_is_a_rule_violation() {
        doAnswer(call -> new AppendedMessage(customerMessage("something else"), true, false)).when(messages).append(any(), any(), any());

        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> service.turn(next(GUEST_SESSION, "a human please", "k"), Caller.anonymous()));

        assertEquals("Idempotency-Key", refused.errors().get(0).field());
        verifyNoInteractions(assistant);
    }

    @Test
    void when_a_concurrent_duplicate_stored_its_reply_first_that_reply_is_returned_and_only_it_is_traced() {
        when(assistant.reply(any())).thenReturn(answer());
        List<MessageView> winner = new ArrayList<>();
        doAnswer(call -> new AppendedMessage(stored(guests.id(), call.getArgument(1), 1), false, true))
                .doAnswer(call -> {
                    NewMessage mine = call.getArgument(1);
                    MessageView theirs = new MessageView(UUID.randomUUID(), guests.id(), 2, "assistant", "theirs", mine.intent(),
                            mine.confidence(), mine.metadata(), 0, NOW);
                    winner.add(theirs);
                    return new AppendedMessage(theirs, true, false);
                }).when(messages).append(any(), any(), any());

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "reset my password", "race"), Caller.anonymous());

        assertEquals(winner.get(0), turn.reply());
        verify(traces, never()).record(any());
    }

    @Test
    void a_reply_key_taken_by_another_message_is_a_conflict() {
        when(assistant.reply(any())).thenReturn(answer());
        doAnswer(call -> new AppendedMessage(stored(guests.id(), call.getArgument(1), 1), false, true))
                .doAnswer(call -> new AppendedMessage(customerMessage("not a reply"), true, false)).when(messages).append(any(), any(), any());

        assertThrows(ConflictException.class, () -> service.turn(next(GUEST_SESSION, "reset my password", null), Caller.anonymous()));
    }

    @Test
    void a_signed_in_customers_first_turn_hands_its_key_and_the_retry_window_to_the_conversation_start() {
        when(assistant.reply(any())).thenReturn(answer());

        service.turn(new ChatTurnCommand(null, "hi", "mobile", null, null, "first"), ALICE);

        verify(conversations).start(ALICE, "mobile", null, "first", ChatTurnStore.FIRST_TURN_WINDOW);
        assertEquals(Duration.ofHours(24), ChatTurnStore.FIRST_TURN_WINDOW);
    }

    @Test
    void a_trace_that_cannot_be_recorded_does_not_cost_the_customer_the_answer() {
        when(assistant.reply(any())).thenReturn(answer());
        doThrow(new RuleViolationException("spans", "broken")).when(traces).record(any());

        ChatTurnResult turn = service.turn(first("How do I reset my password?"), Caller.anonymous());

        assertEquals("Open Settings and choose Reset password.", turn.reply().content());
    }

    // --- who answers --------------------------------------------------------------------------

    static final WhoAnswers.HandoffView HELD = new WhoAnswers.HandoffView(true, "The customer asked to talk to a person.", "internal",
            TICKET, "T-1042", "routed");

    @Test
    void while_a_person_holds_the_conversation_the_message_is_stored_and_the_assistant_neither_answers_nor_escalates() {
        when(whoAnswers.answererOf(guests.id())).thenReturn(new WhoAnswers.Person(HELD));

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "thanks Ada! it worked", null), Caller.anonymous());

        assertNull(turn.reply(), "no reply while a person holds the conversation");
        assertEquals(new ChatTurnResult.Handoff(true, HELD.reason(), "internal", TICKET, "T-1042", "routed"), turn.handoff());
        assertEquals(List.of("user"), appended.stream().map(NewMessage::role).toList(), "only the customer's message is stored");
        assertEquals("thanks Ada! it worked", turn.message().content());
        verifyNoInteractions(assistant, escalation, traces);
    }

    @Test
    void who_answers_is_asked_for_the_conversation_of_the_turn_and_the_assistant_answers_when_no_person_holds_it() {
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "how do I reset it?", null), Caller.anonymous());

        verify(whoAnswers).answererOf(guests.id());
        assertEquals("Open Settings and choose Reset password.", turn.reply().content());
        assertNull(turn.handoff());
    }

    @Test
    void a_retried_turn_a_person_holds_stays_without_reply_and_stores_nothing_new() {
        when(whoAnswers.answererOf(guests.id())).thenReturn(new WhoAnswers.Person(HELD));
        doAnswer(call -> new AppendedMessage(stored(call.getArgument(0), call.getArgument(1), 7), true, true))
                .when(messages).append(any(), any(), any());
        when(messages.findByIdempotencyKey(any(), any())).thenReturn(Optional.empty());

        ChatTurnResult turn = service.turn(next(GUEST_SESSION, "thanks Ada! it worked", "k-1"), Caller.anonymous());

        assertTrue(turn.replayed());
        assertNull(turn.reply());
        assertEquals("routed", turn.handoff().status());
        verifyNoInteractions(assistant, escalation, traces);
    }

    @Test
    void without_ticketing_the_assistant_always_answers() {
        ChatTurnStore withoutTicketing = new ChatTurnStore(conversations, messages, Optional.empty());
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = new ChatTurnService(withoutTicketing, assistant, Optional.empty(), Optional.of(traces), CLOCK)
                .turn(next(GUEST_SESSION, "how do I reset it?", null), Caller.anonymous());

        assertEquals("Open Settings and choose Reset password.", turn.reply().content());
        verifyNoInteractions(whoAnswers);
    }
}
