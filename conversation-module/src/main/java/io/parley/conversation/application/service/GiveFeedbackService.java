package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.GiveFeedbackCommand;
import io.parley.conversation.application.port.in.GiveFeedbackUseCase;
import io.parley.conversation.application.port.in.RecordedFeedback;
import io.parley.conversation.application.port.out.SaveFeedbackPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.Feedback;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.Validation;
import io.parley.kernel.redaction.Redacted;
import io.parley.kernel.redaction.Redactor;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
public class GiveFeedbackService implements GiveFeedbackUseCase {

    private final ConversationGuard guard;
    private final SaveFeedbackPort feedback;
    private final Redactor redactor;
    private final Clock clock;

    public GiveFeedbackService(ConversationGuard guard, SaveFeedbackPort feedback, Redactor redactor, Clock clock) {
        this.guard = guard;
        this.feedback = feedback;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    @Transactional
    public RecordedFeedback give(GiveFeedbackCommand command, Caller caller) {
        ConversationGuard.Readable readable = guard.requireReadable(command.conversation(), caller);
        Conversation conversation = readable.conversation();
        if (!ConversationAccess.mayGiveFeedback(conversation, readable.caller())) {
            throw new ForbiddenException("only the customer gives feedback on a conversation");
        }
        Redacted<String> comment = command.comment() == null ? new Redacted<>(null, 0) : redactor.redact(command.comment());
        if (comment.value() != null) {
            Validation.check().text(comment.value(), "comment", 0, Feedback.MAX_COMMENT_LENGTH).throwIfInvalid();
        }
        Feedback saved = feedback.save(Ids.newId(clock), conversation.id(), command.rating(), comment.value(), Timestamps.now(clock))
                .orElseThrow(ConversationGuard::notFound);
        return new RecordedFeedback(saved, comment.count());
    }
}
