package io.parley.archfixtures.conversation.application.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import io.parley.archfixtures.conversation.application.port.out.LoadConversationPort;
import io.parley.archfixtures.conversation.domain.Conversation;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Obeys rule 2: a service may use jakarta.inject and transaction annotations. */
@Singleton
@Transactional
@Requires(property = "io.parley.archfixtures.are-never-beans")
public class TransactionalService {

    private final LoadConversationPort conversations;

    public TransactionalService(LoadConversationPort conversations) {
        this.conversations = conversations;
    }

    public Conversation require(UUID id) {
        return conversations.load(id).orElseThrow();
    }
}
