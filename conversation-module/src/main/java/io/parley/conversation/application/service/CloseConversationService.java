package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.CloseConversationUseCase;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.UpdateConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

@Singleton
public class CloseConversationService implements CloseConversationUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(CloseConversationService.class);

    private final ConversationGuard guard;
    private final UpdateConversationPort updates;
    private final Clock clock;

    public CloseConversationService(ConversationGuard guard, UpdateConversationPort updates, Clock clock) {
        this.guard = guard;
        this.updates = updates;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Conversation close(ConversationRef ref, Caller caller) {
        // whoever may read a conversation may end it (ConversationAccess.mayClose)
        Conversation conversation = guard.requireReadable(ref, caller).conversation();
        if (!conversation.isOpen()) {
            return conversation;
        }
        if (updates.close(conversation.id(), Timestamps.now(clock))) {
            LOG.info("closed conversation {}", conversation.id());
        }
        return guard.reloadOrNotFound(conversation);
    }
}
