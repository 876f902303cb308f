package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.ConversationMessages;
import io.parley.conversation.api.MessageView;
import io.parley.conversation.api.OverLimit;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A conversation's messages in-process (see {@link ConversationMessages}): the one {@link MessageAppender}, and reads. */
@Singleton
public class ConversationMessagesService implements ConversationMessages {

    private final MessageAppender appender;
    private final LoadMessagesPort messages;
    private final ContentLimits limits;

    public ConversationMessagesService(MessageAppender appender, LoadMessagesPort messages, ContentLimits limits) {
        this.appender = appender;
        this.messages = messages;
        this.limits = limits;
    }

    @Override
    public int maxContentLength(String role) {
        return limits.maxFor(role(role));
    }

    @Override
    @Transactional
    public AppendedMessage append(UUID conversationId, NewMessage message, OverLimit overLimit) {
        MessageAppender.Appended appended = appender.append(new MessageAppender.Request(conversationId, role(message.role()),
                message.content(), message.intent(), message.confidence(), message.metadata(), message.idempotencyKey()), overLimit);
        return new AppendedMessage(view(appended.message()), appended.replayed(), appended.sameAsRequested());
    }

    @Override
    @Transactional
    public List<MessageView> before(UUID conversationId, long seq, int count) {
        long upTo = seq - 1;
        return messages.page(conversationId, Math.max(0, upTo - count), upTo, count).stream().map(ConversationMessagesService::view).toList();
    }

    @Override
    @Transactional
    public Optional<MessageView> findByIdempotencyKey(UUID conversationId, String idempotencyKey) {
        return messages.findByIdempotencyKey(conversationId, idempotencyKey).map(ConversationMessagesService::view);
    }

    private static MessageRole role(String role) {
        return MessageRole.fromWire(role).orElseThrow(() -> new IllegalArgumentException("no message role " + role));
    }

    static MessageView view(Message m) {
        return new MessageView(m.id(), m.conversationId(), m.seq(), m.role().wireValue(), m.content(), m.intent(), m.confidence(),
                m.metadata(), m.redactions(), m.createdAt());
    }
}
