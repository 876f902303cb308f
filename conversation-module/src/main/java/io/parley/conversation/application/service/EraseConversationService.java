package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.EraseConversationUseCase;
import io.parley.conversation.application.port.out.EraseConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


@Singleton
public class EraseConversationService implements EraseConversationUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(EraseConversationService.class);

    private final ConversationGuard guard;
    private final EraseConversationPort erasure;

    public EraseConversationService(ConversationGuard guard, EraseConversationPort erasure) {
        this.guard = guard;
        this.erasure = erasure;
    }

    /** One transaction: the conversation and everything that hangs off it go together or not at all. */
    @Override
    @Transactional
    public void erase(ConversationRef ref, Caller caller) {
        ConversationGuard.Readable readable = guard.requireReadable(ref, caller);
        Conversation conversation = readable.conversation();
        if (!ConversationAccess.mayErase(conversation, readable.caller())) {
            throw new ForbiddenException("only the customer or an admin may erase a conversation");
        }
        if (!erasure.erase(conversation.id())) {
            throw ConversationGuard.notFound();
        }
        LOG.info("erased conversation {} ({} messages)", conversation.id(), conversation.messageCount());
    }
}
