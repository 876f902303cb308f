package io.parley.conversation.application.service;

import io.parley.conversation.api.OverLimit;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.AppendOutcome;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.ConflictException;
import io.parley.kernel.Ids;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Timestamps;
import io.parley.kernel.Validation;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The one way a message is appended, whoever appends it (the REST route, the chat turn): the role's length
 * limit (refused or fitted, as the caller says: {@link OverLimit}), redaction of content and metadata, the
 * next seq, the summary a conversation takes from its first user message, idempotency, and 409 for a
 * closed conversation. Who may write what is the caller's check, made before.
 */
@Singleton
class MessageAppender {

    private static final Logger LOG = LoggerFactory.getLogger(MessageAppender.class);

    private final ConversationGuard guard;
    private final AppendMessagePort messages;
    private final ContentLimits limits;
    private final Redactor redactor;
    private final Clock clock;

    MessageAppender(ConversationGuard guard, AppendMessagePort messages, ContentLimits limits, Redactor redactor, Clock clock) {
        this.guard = guard;
        this.messages = messages;
        this.limits = limits;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** A message to append, as its writer gave it (not yet redacted). */
    record Request(UUID conversationId, MessageRole role, String content, String intent, Double confidence,
                   Map<String, Object> metadata, String idempotencyKey) {
    }

    /**
     * The stored message. {@code replayed}: an earlier request with the same idempotency key stored it and nothing
     * was written; {@code sameAsRequested} then says whether it has the role and the (redacted) content this
     * request would have stored (always true for a new message).
     */
    record Appended(Message message, boolean replayed, boolean sameAsRequested) {
    }

    /**
     * Appends with the next seq. A missing conversation is a 404 before any rule about the content (422), so a
     * caller need not look it up first; a closed one is a 409. No transaction of its own: without an idempotency
     * key the append is one statement, atomic alone (the REST route sends nothing else for a service caller);
     * the port keeps a keyed append in one transaction; a caller's transaction (the chat turn) is joined.
     */
    Appended append(Request request, OverLimit overLimit) {
        Redacted<String> content;
        try {
            content = content(request, overLimit);
        } catch (RuleViolationException e) {
            guard.reloadOrNotFound(request.conversationId());
            throw e;
        }
        Redacted<Object> metadata = redactor.redactTree(request.metadata());
        MessageRole role = request.role();
        AppendOutcome outcome = messages.append(new NewMessage(Ids.newId(clock), request.conversationId(), role, content.value(),
                request.intent(), request.confidence(), asObject(metadata.value()), content.count() + metadata.count(),
                request.idempotencyKey(), Timestamps.now(clock),
                role == MessageRole.USER ? Conversation.summaryPreviewOf(content.value()) : null));
        if (outcome instanceof AppendMessagePort.Appended appended) {
            Message message = appended.message();
            LOG.debug("appended message {} seq {} to conversation {} ({} chars, {} redactions)", message.id(), message.seq(),
                    message.conversationId(), message.content().length(), message.redactions());
            return new Appended(message, false, true);
        }
        if (outcome instanceof AppendMessagePort.Replayed replayed) {
            Message first = replayed.message();
            LOG.debug("replayed message {} of conversation {} for a repeated idempotency key", first.id(), first.conversationId());
            return new Appended(first, true, first.role() == role && first.content().equals(content.value()));
        }
        // closed (meanwhile), or missing / erased meanwhile
        guard.reloadOrNotFound(request.conversationId());
        throw new ConflictException("the conversation is closed", Map.of("conversation_status", "closed"));
    }

    private Redacted<String> content(Request request, OverLimit overLimit) {
        if (overLimit == OverLimit.FIT) {
            return redactor.redactToFit(request.content(), limits.maxFor(request.role()));
        }
        limits.check(Validation.check(), request.role(), request.content()).throwIfInvalid();
        Redacted<String> content = redactor.redact(request.content());
        Validation.check().text(content.value(), "content", 1, ContentLimits.STORAGE_MAX).throwIfInvalid();
        return content;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object tree) {
        return (Map<String, Object>) tree;
    }
}
