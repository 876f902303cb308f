package io.parley.ticketing.adapter.out.conversation;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.ticketing.application.port.out.LoadTranscriptPort;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/** The conversation's transcript for a helpdesk, read in a transaction of its own (the dispatcher holds none). */
@Singleton
class TranscriptAdapter implements LoadTranscriptPort {

    private final ConversationDirectory conversations;

    TranscriptAdapter(ConversationDirectory conversations) {
        this.conversations = conversations;
    }

    @Override
    @Transactional
    public Optional<String> plainText(UUID conversationId) {
        if (conversations.find(conversationId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(conversations.plainTextTranscript(conversationId));
    }
}
