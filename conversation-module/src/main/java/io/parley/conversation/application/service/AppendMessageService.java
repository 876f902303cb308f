package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendMessageUseCase;
import io.parley.conversation.application.port.in.AppendResult;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.AppendMessagePort.AppendOutcome;
import io.parley.conversation.application.port.out.AppendMessagePort.NewMessage;
import io.parley.conversation.domain.ContentLimits;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Validation;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

@Singleton
public class AppendMessageService implements AppendMessageUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(AppendMessageService.class);

    private final ConversationGuard guard;
    private final AppendMessagePort messages;
    private final ContentLimits limits;
    private final Redactor redactor;
    private final Clock clock;

    public AppendMessageService(ConversationGuard guard, AppendMessagePort messages, ContentLimits limits, Redactor redactor, Clock clock) {
        this.guard = guard;
        this.messages = messages;
        this.limits = limits;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AppendResult append(AppendMessageCommand command, Caller caller) {
        if (command.conversation() instanceof ConversationRef.ById byId && ConversationAccess.actsOnAny(caller)) {
            return appendAsActingOnAny(byId.id(), command, caller);
        }
        ConversationGuard.Readable readable = guard.requireReadable(command.conversation(), caller);
        Conversation conversation = readable.conversation();
        Caller acting = readable.caller();
        MessageRole role = command.role();
        if (!ConversationAccess.mayWrite(conversation, acting, role)) {
            throw new ForbiddenException("your role may not write " + role.wireValue() + " messages");
        }
        return store(conversation.id(), checked(command, acting), command, acting);
    }

    /**
     * Admins and the AI backend may read and write every role in every conversation, so nothing about the
     * conversation has to be looked up before the append: the append statement itself finds it (one round
     * trip instead of two). Only when something fails is it looked up, so the answers stay those of the
     * general path, in the same order: 404 for a missing conversation before 422 for the content.
     */
    private AppendResult appendAsActingOnAny(UUID conversationId, AppendMessageCommand command, Caller caller) {
        Checked content;
        try {
            content = checked(command, caller);
        } catch (RuleViolationException e) {
            guard.reloadOrNotFound(conversationId);
            throw e;
        }
        return store(conversationId, content, command, caller);
    }

    private record Checked(Redacted<String> content, Redacted<Object> metadata) {
    }

    private Checked checked(AppendMessageCommand command, Caller acting) {
        MessageRole role = command.role();
        limits.check(Validation.check(), role, command.content()).throwIfInvalid();
        Redacted<String> content = redactor.redact(command.content());
        Redacted<Object> metadata = redactor.redactTree(signed(command.metadata(), acting, role));
        Validation.check().text(content.value(), "content", 1, ContentLimits.STORAGE_MAX).throwIfInvalid();
        return new Checked(content, metadata);
    }

    private AppendResult store(UUID conversationId, Checked checked, AppendMessageCommand command, Caller acting) {
        MessageRole role = command.role();
        Redacted<String> content = checked.content();
        Redacted<Object> metadata = checked.metadata();
        AppendOutcome outcome = messages.append(new NewMessage(Ids.newId(clock), conversationId, role, content.value(),
                command.intent(), command.confidence(), asObject(metadata.value()), content.count() + metadata.count(),
                command.idempotencyKey(), Timestamps.now(clock),
                role == MessageRole.USER ? Conversation.summaryPreviewOf(content.value()) : null));
        if (outcome instanceof AppendMessagePort.Appended appended) {
            Message message = appended.message();
            LOG.debug("appended message {} seq {} to conversation {} ({} chars, {} redactions)", message.id(), message.seq(),
                    conversationId, message.content().length(), message.redactions());
            return new AppendResult(message, false);
        }
        if (outcome instanceof AppendMessagePort.Replayed replayed) {
            LOG.debug("replayed message {} of conversation {} for a repeated idempotency key", replayed.message().id(), conversationId);
            return new AppendResult(replayed.message(), true);
        }
        // closed (meanwhile), or missing / erased meanwhile
        guard.reloadOrNotFound(conversationId);
        throw new ConflictException("the conversation is closed", Map.of("conversation_status", "closed"));
    }

    /** A human agent's reply carries who wrote it ({@code metadata.author}), whatever the client sent as author. */
    private static Map<String, Object> signed(Map<String, Object> metadata, Caller caller, MessageRole role) {
        if (!ConversationAccess.writesAsStaff(caller, role)) {
            return metadata;
        }
        Map<String, Object> signed = new LinkedHashMap<>(metadata);
        signed.put("author", caller.actorLabel());
        return signed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object tree) {
        return (Map<String, Object>) tree;
    }
}
