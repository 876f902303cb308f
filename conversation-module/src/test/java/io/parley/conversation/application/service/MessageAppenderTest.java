package io.parley.conversation.application.service;

import io.parley.conversation.api.OverLimit;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.ConflictException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Text;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

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
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The one message appender: the over-limit policy its caller chooses, and what a replay reports. */
class MessageAppenderTest {

    static final String CARD = "4111 1111 1111 1111";

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final AppendMessagePort messages = mock(AppendMessagePort.class);
    final MessageAppender appender = new MessageAppender(new ConversationGuard(conversations, Optional.empty()), messages,
            new ContentLimits(30, 40, 40), new Redactor(), CLOCK);
    final Conversation guests = Conversations.guest();

    @BeforeEach
    void storesWhatItIsGiven() {
        when(messages.append(any())).thenAnswer(call -> new AppendMessagePort.Appended(stored(call.getArgument(0))));
        when(conversations.load(any(), any())).thenReturn(Optional.of(guests));
    }

    static Message stored(NewMessage m) {
        return new Message(m.id(), m.conversationId(), 1, m.role(), m.content(), m.intent(), m.confidence(), m.metadata(),
                m.redactions(), m.createdAt());
    }

    MessageAppender.Request request(MessageRole role, String content) {
        return new MessageAppender.Request(guests.id(), role, content, null, null, Map.of(), "key");
    }

    NewMessage written() {
        ArgumentCaptor<NewMessage> message = ArgumentCaptor.forClass(NewMessage.class);
        verify(messages).append(message.capture());
        return message.getValue();
    }

    @Test
    void reject_refuses_content_over_the_roles_limit_and_writes_nothing() {
        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> appender.append(request(MessageRole.ASSISTANT, "x".repeat(41)), OverLimit.REJECT));

        assertEquals("content", refused.errors().get(0).field());
        verifyNoInteractions(messages);
    }

    @Test
    void fit_redacts_then_cuts_content_over_the_roles_limit_to_it() {
        String reply = "Your card " + CARD + " was charged twice and we are refunding one of the charges now";

        MessageAppender.Appended appended = appender.append(request(MessageRole.ASSISTANT, reply), OverLimit.FIT);

        NewMessage message = written();
        assertEquals(Text.fit(new Redactor().redact(reply).value(), 40), message.content());
        assertTrue(message.content().codePointCount(0, message.content().length()) <= 40, message.content());
        assertFalse(message.content().contains("4111"), message.content());
        assertEquals(1, message.redactions());
        assertEquals(NOW_MILLIS, message.createdAt());
        assertFalse(appended.replayed());
    }

    @Test
    void both_policies_store_content_within_the_limit_as_redacted_and_take_a_user_messages_preview_as_summary() {
        appender.append(request(MessageRole.USER, "card " + CARD), OverLimit.FIT);

        NewMessage message = written();
        assertEquals("card [REDACTED:CARD]", message.content());
        assertEquals("card [REDACTED:CARD]", message.summaryIfNone());
    }

    @Test
    void a_missing_conversation_is_not_found_before_any_rule_about_the_content() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> appender.append(request(MessageRole.USER, "x".repeat(31)), OverLimit.REJECT));
    }

    @Test
    void a_closed_conversation_is_a_conflict() {
        doReturn(new AppendMessagePort.NotOpen()).when(messages).append(any());
        when(conversations.load(any(), any())).thenReturn(Optional.of(Conversations.closed(guests)));

        assertThrows(ConflictException.class, () -> appender.append(request(MessageRole.USER, "hi"), OverLimit.REJECT));
    }

    @Test
    void a_replay_says_whether_the_first_message_is_the_one_this_request_would_have_stored() {
        Message first = new Message(UUID.randomUUID(), guests.id(), 1, MessageRole.USER, "card [REDACTED:CARD]", null, null, Map.of(), 1,
                NOW_MILLIS);
        doReturn(new AppendMessagePort.Replayed(first)).when(messages).append(any());

        MessageAppender.Appended same = appender.append(request(MessageRole.USER, "card " + CARD), OverLimit.REJECT);
        MessageAppender.Appended otherText = appender.append(request(MessageRole.USER, "something else"), OverLimit.REJECT);
        MessageAppender.Appended otherRole = appender.append(request(MessageRole.ASSISTANT, "card " + CARD), OverLimit.REJECT);

        assertTrue(same.replayed());
        assertTrue(same.sameAsRequested(), "compared after redaction, as stored");
        assertEquals(first, same.message());
        assertFalse(otherText.sameAsRequested());
        assertFalse(otherRole.sameAsRequested());
    }
}
