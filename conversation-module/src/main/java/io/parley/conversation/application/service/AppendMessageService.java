package io.parley.conversation.application.service;

import io.parley.conversation.api.OverLimit;
import io.parley.conversation.application.port.in.AppendMessageCommand;
import io.parley.conversation.application.port.in.AppendMessageUseCase;
import io.parley.conversation.application.port.in.AppendResult;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A client appends a message: who may write which role here, everything else in the one {@link MessageAppender}. */
@Singleton
public class AppendMessageService implements AppendMessageUseCase {

    private final ConversationGuard guard;
    private final MessageAppender appender;

    public AppendMessageService(ConversationGuard guard, MessageAppender appender) {
        this.guard = guard;
        this.appender = appender;
    }

    @Override
    public AppendResult append(AppendMessageCommand command, Caller caller) {
        if (command.conversation() instanceof ConversationRef.ById byId && ConversationAccess.actsOnAny(caller)) {
            // admins and the AI backend may write every role in every conversation: nothing to look up before the
            // append, whose statement finds the conversation itself (one round trip instead of two)
            return store(byId.id(), command, caller);
        }
        ConversationGuard.Readable readable = guard.requireReadable(command.conversation(), caller);
        Conversation conversation = readable.conversation();
        Caller acting = readable.caller();
        MessageRole role = command.role();
        if (!ConversationAccess.mayWrite(conversation, acting, role)) {
            throw new ForbiddenException("your role may not write " + role.wireValue() + " messages");
        }
        return store(conversation.id(), command, acting);
    }

    private AppendResult store(UUID conversationId, AppendMessageCommand command, Caller acting) {
        MessageAppender.Appended appended = appender.append(new MessageAppender.Request(conversationId, command.role(),
                command.content(), command.intent(), command.confidence(), signed(command.metadata(), acting, command.role()),
                command.idempotencyKey()), OverLimit.REJECT);
        return new AppendResult(appended.message(), appended.replayed());
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
}
