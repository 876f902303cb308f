package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.GetConversationUseCase;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class GetConversationService implements GetConversationUseCase {

    private final ConversationGuard guard;

    public GetConversationService(LoadConversationPort conversations, List<TicketPresence> ticketPresence) {
        this.guard = new ConversationGuard(conversations, ticketPresence);
    }

    @Override
    @Transactional(readOnly = true)
    public Conversation get(ConversationRef conversation, Caller caller) {
        return guard.requireReadable(conversation, caller).conversation();
    }
}
