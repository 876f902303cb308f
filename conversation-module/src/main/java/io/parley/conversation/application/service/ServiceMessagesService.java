package io.parley.conversation.application.service;

import io.parley.conversation.api.ServiceMessages;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendMessageUseCase;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.kernel.Role;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Other modules append as the service (e.g. ticketing's "a human will take over" system message):
 * through the same use case as HTTP, so validation, limits, redaction, seq and the closed rule hold.
 */
@Singleton
public class ServiceMessagesService implements ServiceMessages {

    /** The in-process service identity; its messages carry no human author. */
    static final Caller IN_PROCESS_SERVICE = Caller.authenticated("parley", Set.of(Role.SERVICE), null, null);

    private final AppendMessageUseCase appendMessage;

    public ServiceMessagesService(AppendMessageUseCase appendMessage) {
        this.appendMessage = appendMessage;
    }

    @Override
    public AppendedMessage append(UUID conversationId, String role, String content, Map<String, Object> metadata) {
        AppendMessageCommand command = AppendMessageCommand.of(ConversationRef.id(conversationId), role, content, null, null, metadata, null);
        Message message = appendMessage.append(command, IN_PROCESS_SERVICE).message();
        return new AppendedMessage(message.id(), message.seq());
    }
}
