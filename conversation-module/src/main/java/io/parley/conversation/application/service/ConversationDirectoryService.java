package io.parley.conversation.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadTranscriptPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import jakarta.inject.Singleton;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The conversation module's in-process API for the other modules. */
@Singleton
public class ConversationDirectoryService implements ConversationDirectory {

    private final LoadConversationPort conversations;
    private final LoadTranscriptPort transcripts;
    private final List<TicketPresence> ticketPresence;

    public ConversationDirectoryService(LoadConversationPort conversations, LoadTranscriptPort transcripts,
                                        List<TicketPresence> ticketPresence) {
        this.conversations = conversations;
        this.transcripts = transcripts;
        this.ticketPresence = ticketPresence;
    }

    @Override
    public ConversationView requireReadable(UUID conversationId, Caller caller) {
        Conversation conversation = conversations.load(conversationId).orElseThrow(ConversationDirectoryService::notFound);
        boolean hasTicket = ticketPresence.stream().anyMatch(t -> t.hasTicket(conversationId));
        if (!ConversationAccess.mayRead(conversation, caller, hasTicket)) {
            throw notFound();
        }
        return view(conversation);
    }

    @Override
    public ConversationView requireOwnedBy(UUID conversationId, Caller caller) {
        Conversation conversation = conversations.load(conversationId).orElseThrow(ConversationDirectoryService::notFound);
        if (!ConversationAccess.isCustomer(conversation, caller) && !ConversationAccess.actsOnAny(caller)) {
            throw notFound();
        }
        return view(conversation);
    }

    @Override
    public Optional<ConversationView> find(UUID conversationId) {
        return conversations.load(conversationId).map(ConversationDirectoryService::view);
    }

    @Override
    public Optional<ConversationView> findBySession(String sessionId) {
        return conversations.loadBySession(sessionId).map(ConversationDirectoryService::view);
    }

    @Override
    public String plainTextTranscript(UUID conversationId) {
        Conversation conversation = conversations.load(conversationId).orElseThrow(ConversationDirectoryService::notFound);
        StringBuilder text = new StringBuilder()
                .append("Conversation ").append(conversation.id())
                .append(" (").append(conversation.channel().wireValue()).append(", started ")
                .append(DateTimeFormatter.ISO_INSTANT.format(conversation.startedAt())).append(")\n\n");
        transcripts.forEachMessage(conversationId, line -> text
                .append('[').append(DateTimeFormatter.ISO_INSTANT.format(line.createdAt())).append("] ")
                .append(line.role()).append(": ").append(line.content()).append('\n'));
        return text.toString();
    }

    static ConversationView view(Conversation c) {
        return new ConversationView(c.id(), c.sessionId(), c.userId(), c.userSubject(), c.channel().wireValue(), c.locale(),
                c.status().wireValue(), c.summary(), c.messageCount(), c.startedAt(), c.updatedAt(), c.endedAt());
    }

    private static NotFoundException notFound() {
        return new NotFoundException("conversation");
    }
}
