package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.EraseConversationUseCase;
import io.parley.conversation.application.port.out.EraseConversationPort;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.List;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class EraseMyDataServiceTest {

    final EraseConversationPort erasure = mock(EraseConversationPort.class);
    final EraseConversationUseCase eraseConversation = mock(EraseConversationUseCase.class);
    final EraseMyDataService service = new EraseMyDataService(erasure, eraseConversation);

    @Test
    void erases_every_conversation_one_by_one_through_the_erase_use_case_then_the_user_row() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        when(erasure.conversationIdsOwnedBy("alice", EraseMyDataService.BATCH))
                .thenReturn(List.of(first, second), List.of(third), List.of());

        assertEquals(3, service.eraseMyData(ALICE));

        InOrder order = inOrder(eraseConversation, erasure);
        order.verify(eraseConversation).erase(ConversationRef.id(first), ALICE);
        order.verify(eraseConversation).erase(ConversationRef.id(second), ALICE);
        order.verify(eraseConversation).erase(ConversationRef.id(third), ALICE);
        order.verify(erasure).deleteUser("alice");
    }

    @Test
    void a_conversation_erased_concurrently_is_skipped_and_the_loop_ends() {
        UUID stuck = UUID.randomUUID();
        when(erasure.conversationIdsOwnedBy(any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(List.of(stuck));
        doThrow(new NotFoundException("conversation")).when(eraseConversation).erase(ConversationRef.id(stuck), ALICE);

        assertEquals(0, service.eraseMyData(ALICE));
        verify(erasure).deleteUser("alice");
    }

    @Test
    void nothing_to_erase_is_fine() {
        when(erasure.conversationIdsOwnedBy(any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(List.of());
        assertEquals(0, service.eraseMyData(ALICE));
        verify(erasure).deleteUser("alice");
        verifyNoInteractions(eraseConversation);
    }

    @Test
    void only_an_authenticated_caller_has_data_of_their_own() {
        assertThrows(IllegalArgumentException.class, () -> service.eraseMyData(Caller.anonymous()));
        verifyNoInteractions(erasure, eraseConversation);
    }
}
