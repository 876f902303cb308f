package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.EraseConversationPort;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.ADMIN;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.SERVICE;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class EraseConversationServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final EraseConversationPort erasure = mock(EraseConversationPort.class);
    final EraseConversationService service = new EraseConversationService(new ConversationGuard(conversations, Optional.empty()), erasure);
    final Conversation alices = Conversations.ownedBy("alice");

    @Test
    void the_owner_and_an_admin_erase() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(erasure.erase(alices.id())).thenReturn(true);
        service.erase(ConversationRef.id(alices.id()), ALICE);
        service.erase(ConversationRef.id(alices.id()), ADMIN);
        verify(erasure, org.mockito.Mockito.times(2)).erase(alices.id());
    }

    @Test
    void a_guest_erases_its_conversation_through_its_session() {
        Conversation guests = Conversations.guest();
        when(conversations.loadBySession(any(), any())).thenReturn(Optional.of(guests));
        when(erasure.erase(guests.id())).thenReturn(true);
        service.erase(ConversationRef.session(Conversations.GUEST_SESSION), Caller.anonymous());
        verify(erasure).erase(guests.id());
    }

    @Test
    void the_ai_backend_reads_but_may_not_erase() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        assertThrows(ForbiddenException.class, () -> service.erase(ConversationRef.id(alices.id()), SERVICE));
        verifyNoInteractions(erasure);
    }

    @Test
    void someone_elses_or_an_already_erased_conversation_is_not_found() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.erase(ConversationRef.id(alices.id()), BOB));
        verifyNoInteractions(erasure);

        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(erasure.erase(alices.id())).thenReturn(false);
        assertThrows(NotFoundException.class, () -> service.erase(ConversationRef.id(alices.id()), ALICE));
    }
}
