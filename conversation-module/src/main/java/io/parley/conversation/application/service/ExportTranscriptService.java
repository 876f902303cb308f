package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ExportTranscriptUseCase;
import io.parley.conversation.application.port.in.Transcript;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import jakarta.inject.Singleton;


@Singleton
public class ExportTranscriptService implements ExportTranscriptUseCase {

    private final ConversationGuard guard;
    private final LoadMessagesPort messages;

    public ExportTranscriptService(ConversationGuard guard, LoadMessagesPort messages) {
        this.guard = guard;
        this.messages = messages;
    }

    /** The transcript stops at the message count read here, so its header and its messages agree. */
    @Override
    @Transactional(readOnly = true)
    public Transcript export(ConversationRef ref, Caller caller) {
        Conversation conversation = guard.requireReadable(ref, caller).conversation();
        return new Transcript(conversation, new MessageStream(messages, conversation.id(), conversation.lastSeq()));
    }
}
