package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.ReadMessagesQuery;
import io.parley.conversation.application.port.in.ReadMessagesUseCase;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class ReadMessagesService implements ReadMessagesUseCase {

    private final ConversationGuard guard;
    private final LoadMessagesPort messages;

    public ReadMessagesService(ConversationGuard guard, LoadMessagesPort messages) {
        this.guard = guard;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Message> read(ReadMessagesQuery query, Caller caller) {
        Conversation conversation = guard.requireReadable(query.conversation(), caller).conversation();
        List<Message> rows = switch (query.order()) {
            case ASC -> messages.page(conversation.id(), query.boundarySeq(), Long.MAX_VALUE, query.limit() + 1);
            case DESC -> messages.pageBackwards(conversation.id(), query.boundarySeq(), query.limit() + 1);
        };
        return Page.fromLookahead(rows, query.limit(), last -> query.cursorPast(last.seq()));
    }
}
