package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.SetConversationSummaryCommand;
import io.parley.conversation.application.port.in.SetConversationSummaryUseCase;
import io.parley.conversation.application.port.out.UpdateConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.redaction.Redactor;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;

import java.time.Clock;

@Singleton
public class SetConversationSummaryService implements SetConversationSummaryUseCase {

    private final ConversationGuard guard;
    private final UpdateConversationPort updates;
    private final Redactor redactor;
    private final Clock clock;

    public SetConversationSummaryService(ConversationGuard guard, UpdateConversationPort updates, Redactor redactor, Clock clock) {
        this.guard = guard;
        this.updates = updates;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Conversation setSummary(SetConversationSummaryCommand command, Caller caller) {
        if (!ConversationAccess.maySetSummary(caller)) {
            throw new ForbiddenException("only a service or an admin sets a conversation's summary");
        }
        Conversation conversation = guard.requireReadable(command.conversation(), caller).conversation();
        // a redaction marker may be longer than the secret it replaces: the stored summary keeps the 100-character bound
        String summary = Conversation.summaryPreviewOf(redactor.redact(command.summary()).value());
        updates.setSummary(conversation.id(), summary, Timestamps.now(clock));
        return guard.reloadOrNotFound(conversation);
    }
}
