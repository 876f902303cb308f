package io.parley.conversation.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.TicketFeed;
import io.parley.conversation.application.port.in.ConversationChangeKind;
import io.parley.conversation.application.port.in.ConversationChanges;
import io.parley.conversation.application.port.in.ConversationPosition;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ConversationWatch;
import io.parley.conversation.application.port.in.WatchConversationUseCase;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationAccess;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.kernel.MalformedRequestException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A conversation's live stream reads everything it sends from the database: messages by {@code seq}
 * (gap-free and in commit order, since appends queue on the conversation's row), the ticket by its
 * change number (through {@link TicketFeed}, when ticketing is deployed), the conversation by its status.
 */
@Singleton
public class WatchConversationService implements WatchConversationUseCase {

    private final ConversationGuard guard;
    private final LoadConversationPort conversations;
    private final LoadMessagesPort messages;
    private final Optional<TicketFeed> ticketFeed;

    public WatchConversationService(ConversationGuard guard, LoadConversationPort conversations, LoadMessagesPort messages,
                                    Optional<TicketFeed> ticketFeed) {
        this.guard = guard;
        this.conversations = conversations;
        this.messages = messages;
        this.ticketFeed = ticketFeed;
    }

    @Override
    @Transactional(readOnly = true)
    public ConversationWatch watch(ConversationRef ref, Caller caller, String lastEventId) {
        ConversationGuard.Readable readable = guard.requireReadable(ref, caller);
        ConversationPosition resume = lastEventId == null ? null : ConversationPosition.parse(lastEventId);
        Conversation conversation = readable.conversation();
        ConversationPosition now = new ConversationPosition(conversation.lastSeq(), latestTicketChange(conversation),
                !conversation.isOpen());
        if (resume != null && !resume.isNotAfter(now)) {
            throw new MalformedRequestException(ConversationPosition.FIELD, "is not an event id of this stream");
        }
        boolean customerView = ref instanceof ConversationRef.BySession || ConversationAccess.isCustomer(conversation, readable.caller());
        return new ConversationWatch(conversation.id(), readable.caller(), customerView, resume == null ? now : resume);
    }

    /**
     * No transaction: under READ COMMITTED it would not give one snapshot anyway, only two more round trips
     * per event. Messages come first, the ticket and the conversation only when no message waits. A new
     * message (the common event) is the one statement; the conversation itself is read only when its status
     * may have changed (closed, erased: an erased conversation has no messages, and its own notification
     * ends the stream).
     */
    @Override
    public ConversationChanges changesAfter(ConversationWatch watch, ConversationPosition position, int limit,
                                            Set<ConversationChangeKind> kinds) {
        if (kinds.isEmpty()) {
            return new ConversationChanges(List.of(), false, Optional.empty(), Optional.empty(), false);
        }
        boolean status = kinds.contains(ConversationChangeKind.STATUS);
        Optional<Conversation> conversation = Optional.empty();
        if (status) {
            conversation = conversations.load(watch.conversationId(), ConversationScope.SYSTEM);
            if (conversation.isEmpty()) {
                return ConversationChanges.erased();
            }
        }
        List<Message> page = conversation.map(found -> found.lastSeq() > position.seq()).orElse(true)
                ? messages.page(watch.conversationId(), position.seq(), Long.MAX_VALUE, limit + 1)
                : List.of();
        if (page.size() > limit) {
            return new ConversationChanges(page.subList(0, limit), true, Optional.empty(), Optional.empty(), false);
        }
        Optional<TicketFeed.TicketChange> ticket = status || kinds.contains(ConversationChangeKind.TICKET)
                ? ticketAfter(watch, position)
                : Optional.empty();
        Optional<Conversation> closed = conversation.filter(found -> !position.closed() && !found.isOpen());
        return new ConversationChanges(page, false, ticket, closed, false);
    }

    private Optional<TicketFeed.TicketChange> ticketAfter(ConversationWatch watch, ConversationPosition position) {
        return ticketFeed.flatMap(feed -> feed.changedAfter(watch.conversationId(), position.ticketChange(), watch.viewer()));
    }

    private long latestTicketChange(Conversation conversation) {
        return ticketFeed.map(feed -> feed.latestChange(conversation.id())).orElse(0L);
    }
}
