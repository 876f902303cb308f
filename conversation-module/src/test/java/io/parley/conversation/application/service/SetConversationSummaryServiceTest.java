package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.SetConversationSummaryCommand;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.UpdateConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static io.parley.conversation.application.service.Callers.SERVICE;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class SetConversationSummaryServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final UpdateConversationPort updates = mock(UpdateConversationPort.class);
    final Redactor redactor = mock(Redactor.class);
    final SetConversationSummaryService service = new SetConversationSummaryService(new ConversationGuard(conversations, Optional.empty()), updates, redactor, CLOCK);
    final Conversation alices = Conversations.ownedBy("alice");

    @Test
    void a_service_sets_the_redacted_summary() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(redactor.redact("Refund for card 4111")).thenReturn(new Redacted<>("Refund for card [REDACTED:CARD]", 1));

        service.setSummary(new SetConversationSummaryCommand(ConversationRef.id(alices.id()), "Refund for card 4111"), SERVICE);

        verify(updates).setSummary(alices.id(), "Refund for card [REDACTED:CARD]", NOW_MILLIS);
    }

    @Test
    void the_customer_may_not_set_it() {
        assertThrows(ForbiddenException.class, () -> service.setSummary(
                new SetConversationSummaryCommand(ConversationRef.id(alices.id()), "mine"), ALICE));
        verifyNoInteractions(updates, conversations);
    }
}
