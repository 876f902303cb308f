package io.parley.conversation.application.service;

import io.parley.conversation.api.AssistantTraceSink;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.api.UserDirectory;
import io.parley.conversation.application.port.in.ChatTurnCommand;
import io.parley.conversation.application.port.in.ChatTurnResult;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
import io.parley.conversation.application.port.out.AssistantPort;
import io.parley.conversation.application.port.out.AssistantReply;
import io.parley.conversation.application.port.out.AssistantRequest;
import io.parley.conversation.application.port.out.AssistantStep;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.CreateConversationPort.NewConversation;
import io.parley.conversation.application.port.out.FindStartedConversationPort;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ADMIN;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The chat turn against its ports: what it stores, asks, escalates and traces, and what it refuses. */
class ChatTurnServiceTest {

    static final UUID DOC = UUID.fromString("01900000-0000-7000-8000-00000000d0c1");
    static final UUID TICKET = UUID.fromString("01900000-0000-7000-8000-000000007111");

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final CreateConversationPort create = mock(CreateConversationPort.class);
    final FindStartedConversationPort started = mock(FindStartedConversationPort.class);
    final AppendMessagePort append = mock(AppendMessagePort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final UserDirectory users = mock(UserDirectory.class);
    final AssistantPort assistant = mock(AssistantPort.class);
    final Escalation escalation = mock(Escalation.class);
    final AssistantTraceSink traces = mock(AssistantTraceSink.class);
    final ConversationGuard guard = new ConversationGuard(conversations, Optional.empty());
    final ChatTurnStore store = new ChatTurnStore(guard, create, started,
            new MessageAppender(guard, append, new ContentLimits(30, 8000, 8000), new Redactor(), CLOCK), messages, users, CLOCK);
    final ChatTurnService service = service(List.of(escalation));

    final Conversation guests = Conversations.guest();
    final Conversation alices = Conversations.ownedBy("alice");
    final List<NewMessage> appended = new ArrayList<>();

    ChatTurnService service(List<Escalation> escalations) {
        return new ChatTurnService(store, assistant, escalations, List.of(traces), new ContentLimits(30, 8000, 8000), CLOCK);
    }

    @BeforeEach
    void storesWhatItIsGiven() {
        when(append.append(any())).thenAnswer(call -> {
            NewMessage message = call.getArgument(0);
            appended.add(message);
            return new AppendMessagePort.Appended(stored(message, appended.size()));
        });
        when(create.create(any())).thenAnswer(call -> conversationFrom(call.getArgument(0)));
        when(messages.page(any(), anyLong(), anyLong(), anyInt())).thenReturn(List.of());
        when(conversations.loadBySession(eq(guests.sessionId()), any())).thenReturn(Optional.of(guests));
        when(conversations.loadBySession(eq(alices.sessionId()), any())).thenReturn(Optional.of(alices));
        when(users.ensureUser(any())).thenReturn(alices.userId());
        when(started.lockAndFind(anyString(), anyString(), any())).thenReturn(Optional.empty());
    }

    static Message stored(NewMessage m, long seq) {
        return new Message(m.id(), m.conversationId(), seq, m.role(), m.content(), m.intent(), m.confidence(), m.metadata(),
                m.redactions(), m.createdAt());
    }

    static Conversation conversationFrom(NewConversation n) {
        return new Conversation(n.id(), n.sessionId(), n.ownerId(), n.ownerId() == null ? null : "alice", n.channel(), n.locale(),
                ConversationStatus.OPEN, null, n.metadata(), 0, n.startedAt(), n.startedAt(), null);
    }

    static AssistantReply answer() {
        AssistantStep retrieval = new AssistantStep(AssistantStep.Kind.RETRIEVAL, "knowledge_search", Callers.NOW, Callers.NOW.plusMillis(3),
                null, null, null, Map.of("hits", 3), null);
        AssistantStep decision = new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", Callers.NOW, Callers.NOW,
                null, null, null, Map.of("recommended", false), null);
        return new AssistantReply("Open Settings and choose Reset password.", "account.password_reset", 0.8,
                List.of(new AssistantReply.Source(DOC, "Resetting a forgotten password")), false, null, "knowledge", null,
                List.of(retrieval, decision));
    }

    static AssistantReply handoff() {
        AssistantStep decision = new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", Callers.NOW, Callers.NOW,
                null, null, null, Map.of("recommended", true), null);
        return new AssistantReply("I'm bringing in a person.", "support.human_agent", 0.95, List.of(), true,
                "The customer asked to talk to a person.", "knowledge", null, List.of(decision));
    }

    static ChatTurnCommand first(String message) {
        return ChatTurnCommand.of(null, message, null, "en-GB", Map.of("page", "/help"), null);
    }

    static ChatTurnCommand next(Conversation conversation, String message, String key) {
        return ChatTurnCommand.of(conversation.sessionId(), message, null, null, null, key);
    }

    @SuppressWarnings("unchecked")
    List<AssistantTraceSink.Span> recordedSpans() {
        ArgumentCaptor<List<AssistantTraceSink.Span>> spans = ArgumentCaptor.forClass(List.class);
        verify(traces).record(spans.capture());
        return spans.getValue();
    }

    // --- a turn ------------------------------------------------------------------------------

    @Test
    void a_guests_first_turn_starts_a_conversation_stores_message_and_reply_and_asks_the_assistant_between() {
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = service.turn(first("How do I reset my password?"), Caller.anonymous());

        ArgumentCaptor<NewConversation> conversation = ArgumentCaptor.forClass(NewConversation.class);
        verify(create).create(conversation.capture());
        assertNull(conversation.getValue().ownerId(), "a guest conversation");
        assertEquals(Channel.WEB, conversation.getValue().channel());
        assertEquals("en-GB", conversation.getValue().locale());
        assertTrue(conversation.getValue().sessionId().length() >= 32, "192 random bits");
        verifyNoInteractions(users, started);

        NewMessage customer = appended.get(0);
        assertEquals(MessageRole.USER, customer.role());
        assertEquals("How do I reset my password?", customer.content());
        assertEquals(Map.of("page", "/help"), customer.metadata());
        assertEquals(NOW_MILLIS, customer.createdAt());
        verify(assistant).reply(new AssistantRequest(turn.conversation().id(), "en-GB", "How do I reset my password?", List.of()));

        NewMessage reply = appended.get(1);
        assertEquals(MessageRole.ASSISTANT, reply.role());
        assertEquals("Open Settings and choose Reset password.", reply.content());
        assertEquals("account.password_reset", reply.intent());
        assertEquals(0.8, reply.confidence());
        assertEquals("chat-reply:" + customer.id(), reply.idempotencyKey(), "one reply per customer message");
        assertEquals(customer.id().toString(), reply.metadata().get("in_reply_to"));
        assertEquals("knowledge", reply.metadata().get("provider"));
        assertEquals(List.of(Map.of("document_id", DOC.toString(), "title", "Resetting a forgotten password")), reply.metadata().get("sources"));

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
        assertEquals(Callers.NOW.plusMillis(3), spans.get(1).endedAt(), "the step's own timing");
        assertFalse(spans.toString().contains("How do I reset"), "no message content in the trace");
    }

    @Test
    void a_further_turn_shows_the_assistant_the_history_before_the_new_message() {
        Message earlier = stored(new NewMessage(UUID.randomUUID(), guests.id(), MessageRole.USER, "hello", null, null, Map.of(), 0, null,
                NOW_MILLIS, null), 1);
        when(messages.page(eq(guests.id()), eq(0L), eq(0L), anyInt())).thenReturn(List.of());
        doAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0), 2)))
                .doAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0), 3))).when(append).append(any());
        when(messages.page(guests.id(), 0L, 1L, ChatTurnStore.HISTORY_MESSAGES)).thenReturn(List.of(earlier));
        when(assistant.reply(any())).thenReturn(answer());

        service.turn(next(guests, "reset my password", null), Caller.anonymous());

        verify(assistant).reply(new AssistantRequest(guests.id(), null, "reset my password", List.of(new AssistantRequest.Turn("user", "hello"))));
        verifyNoInteractions(create);
    }

    // --- isolation -----------------------------------------------------------------------------

    @Test
    void someone_elses_conversation_is_not_found_and_nothing_is_stored_or_asked() {
        assertThrows(NotFoundException.class, () -> service.turn(next(alices, "hi", null), BOB));
        assertThrows(NotFoundException.class, () -> service.turn(next(alices, "hi", null), Caller.anonymous()),
                "a user's session id is no capability");
        assertThrows(NotFoundException.class, () -> service.turn(next(alices, "hi", null), ADMIN), "staff read, but do not chat");

        verifyNoInteractions(append, assistant, escalation, traces);
    }

    @Test
    void the_owner_continues_and_a_guest_conversation_is_continued_by_whoever_holds_its_session_id() {
        when(assistant.reply(any())).thenReturn(answer());

        assertEquals(alices.id(), service.turn(next(alices, "hi", null), ALICE).conversation().id());
        assertEquals(guests.id(), service.turn(next(guests, "hi", null), BOB).conversation().id());
    }

    @Test
    void a_closed_conversation_is_a_conflict_and_the_assistant_is_not_asked() {
        doReturn(new AppendMessagePort.NotOpen()).when(append).append(any());
        when(conversations.load(eq(guests.id()), any())).thenReturn(Optional.of(Conversations.closed(guests)));

        assertThrows(ConflictException.class, () -> service.turn(next(guests, "hi", null), Caller.anonymous()));

        verifyNoInteractions(assistant, traces);
    }

    @Test
    void a_message_over_the_users_limit_is_refused_before_anything_happens() {
        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> service.turn(first("x".repeat(31)), Caller.anonymous()));

        assertEquals("message", refused.errors().get(0).field());
        verifyNoInteractions(create, append, assistant);
    }

    // --- handoff -------------------------------------------------------------------------------

    @Test
    void a_recommended_handoff_escalates_as_the_guest_and_reports_the_ticket() {
        when(assistant.reply(any())).thenReturn(handoff());
        when(escalation.escalate(guests.id(), Caller.guest(guests.sessionId()), "The customer asked to talk to a person."))
                .thenReturn(new Escalation.EscalationResult(TICKET, "T-1042", "PENDING_HUMAN_ASSIGNMENT", "internal", "pending",
                        "The customer asked to talk to a person.", true));

        ChatTurnResult turn = service.turn(next(guests, "a human please", null), Caller.anonymous());

        assertEquals(new ChatTurnResult.Handoff("The customer asked to talk to a person.", "internal", TICKET, "T-1042", "pending"),
                turn.handoff());
        assertEquals(List.of("other", "handoff_decision", "tool_call"), recordedSpans().stream().map(AssistantTraceSink.Span::operationType).toList(),
                "the escalation is a step of the turn");
    }

    @Test
    void without_ticketing_a_recommended_handoff_is_pending_without_a_ticket() {
        when(assistant.reply(any())).thenReturn(handoff());

        ChatTurnResult turn = service(List.of()).turn(next(guests, "a human please", null), Caller.anonymous());

        assertEquals(new ChatTurnResult.Handoff("The customer asked to talk to a person.", null, null, null, "pending"), turn.handoff());
    }

    @Test
    void a_failing_escalation_still_answers_and_reports_the_handoff_as_failed() {
        when(assistant.reply(any())).thenReturn(handoff());
        when(escalation.escalate(any(), any(), any())).thenThrow(new IllegalStateException("down"));

        ChatTurnResult turn = service.turn(next(guests, "a human please", null), Caller.anonymous());

        assertEquals("failed", turn.handoff().status());
        assertNull(turn.handoff().ticketId());
        AssistantTraceSink.Span escalate = recordedSpans().get(2);
        assertEquals("error", escalate.status());
        assertEquals("IllegalStateException", escalate.error());
    }

    // --- idempotency ---------------------------------------------------------------------------

    @Test
    void a_retry_finds_message_and_reply_stored_and_neither_asks_the_assistant_nor_traces_but_escalates_idempotently() {
        Message first = stored(new NewMessage(UUID.randomUUID(), guests.id(), MessageRole.USER, "a human please", null, null, Map.of(), 0,
                "k", NOW_MILLIS, null), 1);
        Message reply = stored(new NewMessage(UUID.randomUUID(), guests.id(), MessageRole.ASSISTANT, "I'm bringing in a person.",
                "support.human_agent", 0.95, ChatReplyMetadata.of(first.id(), handoff()), 0, "chat-reply:" + first.id(), NOW_MILLIS, null), 2);
        doReturn(new AppendMessagePort.Replayed(first)).when(append).append(any());
        when(messages.findByIdempotencyKey(guests.id(), "chat-reply:" + first.id())).thenReturn(Optional.of(reply));
        when(escalation.escalate(any(), any(), any())).thenReturn(new Escalation.EscalationResult(TICKET, "T-1042",
                "PENDING_HUMAN_ASSIGNMENT", "internal", "pending", "x", false));

        ChatTurnResult turn = service.turn(next(guests, "a human please", "k"), Caller.anonymous());

        assertTrue(turn.replayed());
        assertEquals(first, turn.message());
        assertEquals(reply, turn.reply());
        assertEquals(TICKET, turn.handoff().ticketId());
        verifyNoInteractions(assistant, traces);
    }

    @Test
    void the_same_key_with_another_message_is_a_rule_violation() {
        Message first = stored(new NewMessage(UUID.randomUUID(), guests.id(), MessageRole.USER, "something else", null, null, Map.of(), 0,
                "k", NOW_MILLIS, null), 1);
        doReturn(new AppendMessagePort.Replayed(first)).when(append).append(any());

        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> service.turn(next(guests, "a human please", "k"), Caller.anonymous()));

        assertEquals("Idempotency-Key", refused.errors().get(0).field());
        verifyNoInteractions(assistant);
    }

    @Test
    void when_a_concurrent_duplicate_stored_its_reply_first_that_reply_is_returned_and_only_it_is_traced() {
        when(assistant.reply(any())).thenReturn(answer());
        List<Message> winner = new ArrayList<>();
        doAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0), 1)))
                .doAnswer(call -> {
                    NewMessage mine = call.getArgument(0);
                    Message theirs = stored(new NewMessage(UUID.randomUUID(), mine.conversationId(), MessageRole.ASSISTANT, "theirs",
                            mine.intent(), mine.confidence(), mine.metadata(), 0, mine.idempotencyKey(), NOW_MILLIS, null), 2);
                    winner.add(theirs);
                    return new AppendMessagePort.Replayed(theirs);
                }).when(append).append(any());

        ChatTurnResult turn = service.turn(next(guests, "reset my password", "race"), Caller.anonymous());

        assertEquals(winner.get(0), turn.reply());
        verify(traces, never()).record(any());
    }

    @Test
    void a_signed_in_users_first_turn_with_a_key_continues_the_conversation_that_key_started_within_24_hours() {
        when(started.lockAndFind("alice", "first", NOW_MILLIS.minus(ChatTurnStore.FIRST_TURN_WINDOW))).thenReturn(Optional.of(alices));
        when(assistant.reply(any())).thenReturn(answer());

        ChatTurnResult turn = service.turn(ChatTurnCommand.of(null, "hi", null, null, null, "first"), ALICE);

        assertEquals(alices.id(), turn.conversation().id());
        verifyNoInteractions(create);
    }

    @Test
    void a_trace_that_cannot_be_recorded_does_not_cost_the_customer_the_answer() {
        when(assistant.reply(any())).thenReturn(answer());
        doThrow(new RuleViolationException("spans", "broken")).when(traces).record(any());

        ChatTurnResult turn = service.turn(first("How do I reset my password?"), Caller.anonymous());

        assertEquals("Open Settings and choose Reset password.", turn.reply().content());
    }
}
