package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.UpdateConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.CLOCK;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class CloseConversationServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final UpdateConversationPort updates = mock(UpdateConversationPort.class);
    final CloseConversationService service = new CloseConversationService(new ConversationGuard(conversations, Optional.empty()), updates, CLOCK);
    final Conversation open = Conversations.ownedBy("alice");
    final Conversation closed = Conversations.closed(open);

    @Test
    void closing_an_open_conversation_records_the_time_and_returns_it_closed() {
        when(conversations.load(open.id(), ConversationScope.of(ALICE))).thenReturn(Optional.of(open));
        when(updates.close(open.id(), NOW_MILLIS)).thenReturn(true);
        when(conversations.load(open.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(closed));

        assertSame(closed, service.close(ConversationRef.id(open.id()), ALICE));
        verify(updates).close(open.id(), NOW_MILLIS);
    }

    @Test
    void closing_twice_changes_nothing() {
        when(conversations.load(open.id(), ConversationScope.of(ALICE))).thenReturn(Optional.of(closed));
        assertSame(closed, service.close(ConversationRef.id(open.id()), ALICE));
        verifyNoInteractions(updates);
    }

    @Test
    void someone_elses_conversation_is_not_found_and_stays_open() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.close(ConversationRef.id(open.id()), BOB));
        verifyNoInteractions(updates);
    }
}
