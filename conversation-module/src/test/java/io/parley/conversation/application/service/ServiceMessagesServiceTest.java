package io.parley.conversation.application.service;

import io.parley.conversation.api.ServiceMessages;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendMessageUseCase;
import io.parley.conversation.application.port.in.AppendResult;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.Map;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ServiceMessagesServiceTest {

    final AppendMessageUseCase appendMessage = mock(AppendMessageUseCase.class);
    final ServiceMessagesService serviceMessages = new ServiceMessagesService(appendMessage);

    @Test
    void appends_through_the_use_case_as_the_service() {
        UUID conversationId = UUID.randomUUID();
        Message stored = new Message(UUID.randomUUID(), conversationId, 4, MessageRole.SYSTEM, "A human will take over",
                null, null, Map.of(), 0, NOW_MILLIS);
        when(appendMessage.append(any(), any())).thenReturn(new AppendResult(stored, false));

        ServiceMessages.AppendedMessage appended = serviceMessages.append(conversationId, "system", "A human will take over",
                Map.of("ticket", "T-1042"));

        assertEquals(new ServiceMessages.AppendedMessage(stored.id(), 4), appended);
        ArgumentCaptor<AppendMessageCommand> command = ArgumentCaptor.forClass(AppendMessageCommand.class);
        verify(appendMessage).append(command.capture(), org.mockito.ArgumentMatchers.argThat(caller -> caller.has(Role.SERVICE)));
        assertEquals(ConversationRef.id(conversationId), command.getValue().conversation());
        assertEquals(MessageRole.SYSTEM, command.getValue().role());
        assertEquals(Map.of("ticket", "T-1042"), command.getValue().metadata());
    }

    @Test
    void its_messages_are_validated_like_any_other() {
        RuleViolationException violation = assertThrows(RuleViolationException.class,
                () -> serviceMessages.append(UUID.randomUUID(), "narrator", "", null));
        assertTrue(violation.errors().size() >= 2);
        verifyNoInteractions(appendMessage);
    }
}
