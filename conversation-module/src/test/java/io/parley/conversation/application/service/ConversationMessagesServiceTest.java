package io.parley.conversation.application.service;

import io.parley.conversation.api.ConversationMessages.AppendedMessage;
import io.parley.conversation.api.ConversationMessages.NewMessage;
import io.parley.conversation.api.MessageView;
import io.parley.conversation.api.OverLimit;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A conversation's messages for the chat turn: the one appender behind the api, and the reads, as views. */
class ConversationMessagesServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final AppendMessagePort append = mock(AppendMessagePort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final ContentLimits limits = new ContentLimits(30, 40, 50);
    final ConversationMessagesService service = new ConversationMessagesService(
            new MessageAppender(new ConversationGuard(conversations, Optional.empty()), append, limits, new Redactor(), CLOCK), messages, limits);
    final Conversation guests = Conversations.guest();

    Message message(long seq, MessageRole role, String content) {
        return new Message(UUID.randomUUID(), guests.id(), seq, role, content, null, null, Map.of("k", "v"), 0, NOW_MILLIS);
    }

    @Test
    void the_limits_are_the_configured_ones_by_wire_role() {
        assertEquals(30, service.maxContentLength("user"));
        assertEquals(40, service.maxContentLength("assistant"));
        assertEquals(50, service.maxContentLength("system"));
        assertThrows(IllegalArgumentException.class, () -> service.maxContentLength("robot"));
    }

    @Test
    void an_append_goes_through_the_one_appender_with_the_callers_policy() {
        when(append.append(any())).thenAnswer(call -> {
            AppendMessagePort.NewMessage m = call.getArgument(0);
            return new AppendMessagePort.Appended(new Message(m.id(), m.conversationId(), 3, m.role(), m.content(), m.intent(),
                    m.confidence(), m.metadata(), m.redactions(), m.createdAt()));
        });

        AppendedMessage fitted = service.append(guests.id(), new NewMessage("assistant", "word ".repeat(20), "x", 0.5, Map.of(), "k"),
                OverLimit.FIT);

        MessageView view = fitted.message();
        assertEquals("assistant", view.role());
        assertEquals(3, view.seq());
        assertEquals(guests.id(), view.conversationId());
        assertEquals("x", view.intent());
        assertEquals(NOW_MILLIS, view.createdAt());
        assertTrue(view.content().length() <= 40 && view.content().endsWith("…"), "cut to the assistant's limit: " + view.content());
        assertFalse(fitted.replayed());
    }

    @Test
    void the_messages_before_one_are_the_history_window_oldest_first() {
        List<Message> page = List.of(message(4, MessageRole.USER, "a"), message(5, MessageRole.ASSISTANT, "b"));
        when(messages.page(guests.id(), 3, 5, 2)).thenReturn(page);
        when(messages.page(guests.id(), 0, 1, 20)).thenReturn(List.of(message(1, MessageRole.USER, "first")));

        assertEquals(List.of("user:a", "assistant:b"), service.before(guests.id(), 6, 2).stream().map(m -> m.role() + ":" + m.content()).toList());
        assertEquals(1, service.before(guests.id(), 2, 20).size(), "never before the first message");
    }

    @Test
    void a_message_is_found_by_its_idempotency_key_as_a_view() {
        Message reply = message(2, MessageRole.ASSISTANT, "hello");
        when(messages.findByIdempotencyKey(guests.id(), "chat-reply:x")).thenReturn(Optional.of(reply));

        MessageView found = service.findByIdempotencyKey(guests.id(), "chat-reply:x").orElseThrow();

        assertEquals(reply.id(), found.id());
        assertEquals(Map.of("k", "v"), found.metadata());
        assertEquals(Optional.empty(), service.findByIdempotencyKey(guests.id(), "other"));
    }
}
