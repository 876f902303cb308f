package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.GiveFeedbackCommand;
import io.parley.conversation.application.port.in.RecordedFeedback;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.SaveFeedbackPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Feedback;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.ADMIN;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class GiveFeedbackServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final SaveFeedbackPort feedback = mock(SaveFeedbackPort.class);
    final Redactor redactor = mock(Redactor.class);
    final GiveFeedbackService service = new GiveFeedbackService(new ConversationGuard(conversations, Optional.empty()), feedback, redactor, CLOCK);
    final Conversation alices = Conversations.ownedBy("alice");

    @Test
    void the_customer_rates_with_a_redacted_comment() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(redactor.redact("my pwd=hunter2 failed")).thenReturn(new Redacted<>("my pwd=[REDACTED:PASSWORD] failed", 1));
        Feedback stored = new Feedback(alices.id(), 2, "my pwd=[REDACTED:PASSWORD] failed", NOW_MILLIS, NOW_MILLIS);
        when(feedback.save(any(), eq(alices.id()), eq(2), eq("my pwd=[REDACTED:PASSWORD] failed"), eq(NOW_MILLIS))).thenReturn(Optional.of(stored));

        RecordedFeedback recorded = service.give(GiveFeedbackCommand.of(ConversationRef.id(alices.id()), 2, "my pwd=hunter2 failed"), ALICE);

        assertEquals(stored, recorded.feedback());
        assertEquals(1, recorded.redactions());
    }

    @Test
    void a_conversation_erased_while_rating_is_not_found() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(feedback.save(any(), any(), org.mockito.ArgumentMatchers.anyInt(), any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.give(GiveFeedbackCommand.of(ConversationRef.id(alices.id()), 5, null), ALICE));
    }

    @Test
    void a_guest_rates_through_its_session_without_a_comment() {
        Conversation guests = Conversations.guest();
        when(conversations.loadBySession(any(), any())).thenReturn(Optional.of(guests));
        when(feedback.save(any(), any(), org.mockito.ArgumentMatchers.anyInt(), any(), any()))
                .thenReturn(Optional.of(new Feedback(guests.id(), 5, null, NOW_MILLIS, NOW_MILLIS)));
        service.give(GiveFeedbackCommand.of(ConversationRef.session(Conversations.GUEST_SESSION), 5, null), Caller.anonymous());
        verify(feedback).save(any(), eq(guests.id()), eq(5), eq(null), eq(NOW_MILLIS));
        verifyNoInteractions(redactor);
    }

    @Test
    void nobody_rates_on_the_customers_behalf() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        assertThrows(ForbiddenException.class, () -> service.give(GiveFeedbackCommand.of(ConversationRef.id(alices.id()), 5, null), ADMIN));
        verifyNoInteractions(feedback);
    }

    @Test
    void someone_elses_conversation_is_not_found() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.give(GiveFeedbackCommand.of(ConversationRef.id(alices.id()), 5, null), BOB));
        verifyNoInteractions(feedback);
    }
}
