package io.parley.archfixtures.conversation.adapter.out.persistence;

import io.micronaut.context.annotation.Requires;
import io.parley.archfixtures.conversation.application.port.out.LoadConversationPort;
import io.parley.archfixtures.conversation.domain.Conversation;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** Breaks rule 6: a public persistence adapter. */
@Singleton
@Requires(property = "io.parley.archfixtures.are-never-beans")
public class PublicPersistenceAdapter implements LoadConversationPort {

    @Override
    public Optional<Conversation> load(UUID conversationId) {
        return Optional.empty();
    }
}
