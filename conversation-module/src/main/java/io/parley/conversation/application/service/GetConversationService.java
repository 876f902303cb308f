package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.GetConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import jakarta.inject.Singleton;


@Singleton
public class GetConversationService implements GetConversationUseCase {

    private final ConversationGuard guard;

    public GetConversationService(ConversationGuard guard) {
        this.guard = guard;
    }

    @Override
    @Transactional(readOnly = true)
    public Conversation get(ConversationRef conversation, Caller caller) {
        return guard.requireReadable(conversation, caller).conversation();
    }
}
