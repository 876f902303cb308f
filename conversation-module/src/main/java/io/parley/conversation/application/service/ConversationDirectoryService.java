package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.TranscriptText;
import io.parley.kernel.Caller;
import jakarta.inject.Singleton;

import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;

/** The conversation module's in-process API for the other modules. */
@Singleton
public class ConversationDirectoryService implements ConversationDirectory {

    private final LoadConversationPort conversations;
    private final LoadMessagesPort messages;
    private final ConversationGuard guard;

    public ConversationDirectoryService(LoadConversationPort conversations, LoadMessagesPort messages, ConversationGuard guard) {
        this.conversations = conversations;
        this.messages = messages;
        this.guard = guard;
    }

    @Override
    @Transactional(readOnly = true)
    public ConversationView requireReadable(UUID conversationId, Caller caller) {
        return view(guard.requireReadable(ConversationRef.id(conversationId), caller).conversation());
    }

    @Override
    @Transactional(readOnly = true)
    public ConversationView requireOwnedBy(UUID conversationId, Caller caller) {
        ConversationGuard.Readable readable = guard.requireReadable(ConversationRef.id(conversationId), caller);
        if (!ConversationAccess.isCustomer(readable.conversation(), readable.caller()) && !ConversationAccess.actsOnAny(caller)) {
            throw ConversationGuard.notFound();
        }
        return view(readable.conversation());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConversationView> find(UUID conversationId) {
        return conversations.load(conversationId, ConversationScope.SYSTEM).map(ConversationDirectoryService::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConversationView> findBySession(String sessionId) {
        return conversations.loadBySession(sessionId, ConversationScope.SYSTEM).map(ConversationDirectoryService::view);
    }

    @Override
    @Transactional(readOnly = true)
    public String plainTextTranscript(UUID conversationId) {
        Conversation conversation = conversations.load(conversationId, ConversationScope.SYSTEM)
                .orElseThrow(ConversationGuard::notFound);
        StringBuilder text = new StringBuilder(TranscriptText.plainHeader(conversation));
        Iterator<Message> stream = new MessageStream(messages, conversationId, conversation.lastSeq());
        stream.forEachRemaining(message -> text.append(TranscriptText.plainMessage(message)));
        return text.toString();
    }

    static ConversationView view(Conversation c) {
        return new ConversationView(c.id(), c.sessionId(), c.userId(), c.userSubject(), c.channel().wireValue(), c.locale(),
                c.status().wireValue(), c.summary(), c.messageCount(), c.startedAt(), c.updatedAt(), c.endedAt());
    }
}
