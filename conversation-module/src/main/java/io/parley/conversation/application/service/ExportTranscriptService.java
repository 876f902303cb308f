package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ExportTranscriptUseCase;
import io.parley.conversation.application.port.in.Transcript;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class ExportTranscriptService implements ExportTranscriptUseCase {

    private final ConversationGuard guard;
    private final LoadMessagesPort messages;

    public ExportTranscriptService(LoadConversationPort conversations, List<TicketPresence> ticketPresence, LoadMessagesPort messages) {
        this.guard = new ConversationGuard(conversations, ticketPresence);
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
