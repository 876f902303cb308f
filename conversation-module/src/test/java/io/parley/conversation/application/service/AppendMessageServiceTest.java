package io.parley.conversation.application.service;

import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendResult;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.AGENT;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static io.parley.conversation.application.service.Callers.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AppendMessageServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final TicketPresence tickets = mock(TicketPresence.class);
    final AppendMessagePort messages = mock(AppendMessagePort.class);
    final Redactor redactor = mock(Redactor.class);
    final ConversationGuard guard = new ConversationGuard(conversations, Optional.of(tickets));
    final AppendMessageService service = new AppendMessageService(guard,
            new MessageAppender(guard, messages, new ContentLimits(30, 60, 60), redactor, CLOCK));
    final Conversation alices = Conversations.ownedBy("alice");

    @BeforeEach
    void nothingToRedactByDefault() {
        when(redactor.redact(anyString())).thenAnswer(call -> new Redacted<>(call.getArgument(0), 0));
        when(redactor.redactTree(any())).thenAnswer(call -> new Redacted<>(call.getArgument(0), 0));
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
    }

    AppendMessageCommand command(String role, String content, Map<String, Object> metadata, String key) {
        return AppendMessageCommand.of(ConversationRef.id(alices.id()), role, content, null, null, metadata, key);
    }

    Message stored(NewMessage message, long seq) {
        return new Message(message.id(), message.conversationId(), seq, message.role(), message.content(), message.intent(),
                message.confidence(), message.metadata(), message.redactions(), message.createdAt());
    }

    NewMessage appendedWith(AppendMessageCommand command, Caller caller) {
        when(messages.append(any())).thenAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0), 1)));
        service.append(command, caller);
        ArgumentCaptor<NewMessage> captor = ArgumentCaptor.forClass(NewMessage.class);
        verify(messages).append(captor.capture());
        return captor.getValue();
    }

    @Test
    void the_customer_appends_a_user_message_at_the_clocks_time() {
        when(messages.append(any())).thenAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0), 7)));

        AppendResult result = service.append(command("user", "Where is my order?", Map.of(), null), ALICE);

        assertFalse(result.replayed());
        assertEquals(7, result.message().seq());
        assertEquals(NOW_MILLIS, result.message().createdAt());
        assertEquals(alices.id(), result.message().conversationId());
        verify(conversations).load(alices.id(), ConversationScope.of(ALICE));
    }

    @Test
    void content_and_every_metadata_string_are_redacted_before_the_port_sees_them_and_counted_together() {
        when(redactor.redact("card 4111 1111 1111 1111")).thenReturn(new Redacted<>("card [REDACTED:CARD]", 1));
        when(redactor.redactTree(Map.of("pwd", "password: hunter2"))).thenReturn(new Redacted<>(Map.of("pwd", "password: [REDACTED:PASSWORD]"), 1));

        NewMessage message = appendedWith(command("user", "card 4111 1111 1111 1111", Map.of("pwd", "password: hunter2"), null), ALICE);

        assertEquals("card [REDACTED:CARD]", message.content());
        assertEquals(Map.of("pwd", "password: [REDACTED:PASSWORD]"), message.metadata());
        assertEquals(2, message.redactions());
    }

    @Test
    void a_user_message_offers_its_redacted_preview_as_the_summary_other_roles_do_not() {
        when(redactor.redact("my card 4111")).thenReturn(new Redacted<>("my card [REDACTED:CARD]", 1));
        assertEquals("my card [REDACTED:CARD]", appendedWith(command("user", "my card 4111", Map.of(), null), ALICE).summaryIfNone());
    }

    @Test
    void an_assistant_message_sets_no_summary() {
        assertNull(appendedWith(command("assistant", "Hello", Map.of(), null), SERVICE).summaryIfNone());
    }

    @Test
    void a_human_agents_reply_is_signed_whatever_author_the_client_claimed() {
        when(tickets.hasTicket(alices.id())).thenReturn(true);
        NewMessage message = appendedWith(command("assistant", "A human here", Map.of("author", "bot", "k", "v"), null), AGENT);
        assertEquals(Map.of("author", "agent:agnes", "k", "v"), message.metadata());
    }

    @Test
    void the_ai_backends_reply_keeps_its_metadata() {
        assertEquals(Map.of("model", "m1"), appendedWith(command("assistant", "Hi", Map.of("model", "m1"), null), SERVICE).metadata());
    }

    @Test
    void a_role_the_caller_may_not_write_is_forbidden_and_nothing_is_written() {
        assertThrows(ForbiddenException.class, () -> service.append(command("assistant", "I am the bot", Map.of(), null), ALICE));
        verifyNoInteractions(messages);
    }

    @Test
    void content_over_the_roles_configured_limit_is_a_rule_violation() {
        RuleViolationException violation = assertThrows(RuleViolationException.class,
                () -> service.append(command("user", "x".repeat(31), Map.of(), null), ALICE));
        assertEquals("content", violation.errors().get(0).field());
        verifyNoInteractions(messages);
        // the same length is fine for the assistant
        appendedWith(command("assistant", "x".repeat(31), Map.of(), null), SERVICE);
    }

    @Test
    void a_repeated_idempotency_key_returns_the_first_message_as_replayed() {
        Message first = new Message(UUID.randomUUID(), alices.id(), 3, MessageRole.USER, "hi", null, null, Map.of(), 0, NOW_MILLIS);
        when(messages.append(any())).thenReturn(new AppendMessagePort.Replayed(first));

        AppendResult result = service.append(command("user", "hi", Map.of(), "key-1"), ALICE);

        assertTrue(result.replayed());
        assertSame(first, result.message());
    }

    @Test
    void the_idempotency_key_reaches_the_port() {
        assertEquals("key-9", appendedWith(command("user", "hi", Map.of(), "key-9"), ALICE).idempotencyKey());
    }

    @Test
    void a_closed_conversation_is_a_conflict() {
        when(messages.append(any())).thenReturn(new AppendMessagePort.NotOpen());
        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(Conversations.closed(alices)));
        assertThrows(ConflictException.class, () -> service.append(command("user", "hello?", Map.of(), null), ALICE));
    }

    @Test
    void a_conversation_erased_meanwhile_is_not_found() {
        when(messages.append(any())).thenReturn(new AppendMessagePort.NotOpen());
        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.append(command("user", "hello?", Map.of(), null), ALICE));
    }

    @Test
    void someone_elses_conversation_is_not_found_and_nothing_is_written() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.append(command("user", "hi", Map.of(), null), ALICE));
        verifyNoInteractions(messages);
    }
}
