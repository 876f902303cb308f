package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.application.port.in.ListConversationsQuery;
import io.parley.conversation.application.port.in.ListMyConversationsUseCase;
import io.parley.conversation.application.port.out.ListConversationsPort;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class ListMyConversationsService implements ListMyConversationsUseCase {

    private final ListConversationsPort conversations;

    public ListMyConversationsService(ListConversationsPort conversations) {
        this.conversations = conversations;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Conversation> list(ListConversationsQuery query, Caller caller) {
        if (!caller.isAuthenticated()) {
            // a guest owns no list, only the one conversation of its session
            return new Page<>(List.of(), null);
        }
        ListConversationsQuery.Position after = query.after();
        List<Conversation> rows = conversations.listOwnedBy(caller.subject(), query.status(),
                after == null ? null : after.updatedAt(), after == null ? null : after.id(), query.limit() + 1);
        return Page.fromLookahead(rows, query.limit(),
                last -> new ListConversationsQuery.Position(last.updatedAt(), last.id()).toCursor());
    }
}
