package io.parley.conversation.application.service;

import io.parley.conversation.api.TicketFeed;
import io.parley.conversation.application.port.in.ConversationChangeKind;
import io.parley.conversation.application.port.in.ConversationChanges;
import io.parley.conversation.application.port.in.ConversationPosition;
import io.parley.conversation.application.port.in.ConversationWatch;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.parley.conversation.application.service.Callers.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** A stream's read after a notification asks only for what the notification says changed. */
class WatchConversationServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final TicketFeed tickets = mock(TicketFeed.class);
    final WatchConversationService service = new WatchConversationService(
            new ConversationGuard(conversations, Optional.empty()), conversations, messages, Optional.of(tickets));
    final Conversation alices = Conversations.ownedBy("alice");
    final ConversationWatch watch = new ConversationWatch(alices.id(), ALICE, true, new ConversationPosition(0, 0, false));
    final ConversationPosition atThree = new ConversationPosition(3, 5, false);

    @Test
    void a_new_message_costs_one_read_of_the_messages_after_the_position_and_nothing_else() {
        when(messages.page(alices.id(), 3, Long.MAX_VALUE, 11)).thenReturn(messages(4, 4));

        ConversationChanges changes = service.changesAfter(watch, atThree, 10, EnumSet.of(ConversationChangeKind.MESSAGES));

        assertEquals(List.of(4L), changes.messages().stream().map(Message::seq).toList());
        assertFalse(changes.moreMessages());
        assertTrue(changes.ticket().isEmpty() && changes.closed().isEmpty() && !changes.gone());
        verify(messages).page(alices.id(), 3, Long.MAX_VALUE, 11);
        verifyNoMoreInteractions(messages);
        verifyNoInteractions(conversations, tickets);
    }

    @Test
    void a_ticket_change_reads_the_messages_first_then_the_ticket_but_not_the_conversation() {
        TicketFeed.TicketChange ticket = new TicketFeed.TicketChange(6, Instant.now(), Map.of("status", "open"));
        when(messages.page(alices.id(), 3, Long.MAX_VALUE, 11)).thenReturn(List.of());
        when(tickets.changedAfter(alices.id(), 5, ALICE)).thenReturn(Optional.of(ticket));

        ConversationChanges changes = service.changesAfter(watch, atThree, 10, EnumSet.of(ConversationChangeKind.TICKET));

        assertEquals(Optional.of(ticket), changes.ticket());
        verify(messages).page(alices.id(), 3, Long.MAX_VALUE, 11);
        verifyNoInteractions(conversations);
    }

    @Test
    void the_ticket_waits_while_more_messages_wait() {
        when(messages.page(alices.id(), 3, Long.MAX_VALUE, 3)).thenReturn(messages(4, 6));

        ConversationChanges changes = service.changesAfter(watch, atThree, 2, EnumSet.of(ConversationChangeKind.MESSAGES,
                ConversationChangeKind.TICKET));

        assertEquals(List.of(4L, 5L), changes.messages().stream().map(Message::seq).toList());
        assertTrue(changes.moreMessages());
        verifyNoInteractions(tickets, conversations);
    }

    @Test
    void a_status_change_reads_the_conversation_and_sees_it_closed_or_erased() {
        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(Conversations.closed(alices)));
        when(tickets.changedAfter(any(), anyLong(), any())).thenReturn(Optional.empty());

        ConversationChanges closed = service.changesAfter(watch, atThree, 10, EnumSet.of(ConversationChangeKind.STATUS));
        assertTrue(closed.closed().isPresent());
        // its last seq (0) is not after the position: no page is read
        verify(messages, never()).page(any(), anyLong(), anyLong(), anyInt());

        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.empty());
        assertTrue(service.changesAfter(watch, atThree, 10, Set.of(ConversationChangeKind.STATUS)).gone());
    }

    @Test
    void everything_reads_every_part() {
        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(alices));
        when(tickets.changedAfter(any(), anyLong(), any())).thenReturn(Optional.empty());

        service.changesAfter(watch, atThree, 10, ConversationChangeKind.any());

        verify(conversations).load(alices.id(), ConversationScope.SYSTEM);
        verify(tickets).changedAfter(alices.id(), 5, ALICE);
    }

    private List<Message> messages(long fromSeq, long toSeq) {
        return LongStream.rangeClosed(fromSeq, toSeq).mapToObj(seq -> new Message(UUID.randomUUID(), alices.id(), seq,
                MessageRole.USER, "m" + seq, null, null, Map.of(), 0, Instant.now())).toList();
    }
}
