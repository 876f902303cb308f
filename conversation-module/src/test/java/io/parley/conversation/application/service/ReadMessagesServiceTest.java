package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.ReadMessagesQuery;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Conversations;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.NOW_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ReadMessagesServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final ReadMessagesService service = new ReadMessagesService(new ConversationGuard(conversations, Optional.empty()), messages);
    final Conversation alices = Conversations.ownedBy("alice");

    static List<Message> messages(UUID conversationId, long fromSeq, long toSeq) {
        return LongStream.rangeClosed(fromSeq, toSeq).mapToObj(seq -> new Message(UUID.randomUUID(), conversationId, seq,
                MessageRole.USER, "m" + seq, null, null, Map.of(), 0, NOW_MILLIS)).toList();
    }

    static List<Message> newestFirst(List<Message> oldestFirst) {
        List<Message> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    @Test
    void a_page_continues_after_the_cursors_seq_and_hands_out_the_next_cursor() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(messages.page(alices.id(), 10, Long.MAX_VALUE, 3)).thenReturn(messages(alices.id(), 11, 13));

        Page<Message> page = service.read(ReadMessagesQuery.of(ConversationRef.id(alices.id()), null, "2",
                ReadMessagesQuery.cursorAfter(10).encode()), ALICE);

        assertEquals(List.of(11L, 12L), page.items().stream().map(Message::seq).toList());
        assertEquals(12, ReadMessagesQuery.of(ConversationRef.id(alices.id()), null, null, page.nextCursor()).boundarySeq());
    }

    @Test
    void a_page_newest_first_reads_backwards_from_the_latest_message_and_its_cursor_continues_before_the_last_shown() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(messages.pageBackwards(alices.id(), Long.MAX_VALUE, 3)).thenReturn(newestFirst(messages(alices.id(), 98, 100)));

        Page<Message> page = service.read(ReadMessagesQuery.of(ConversationRef.id(alices.id()), "desc", "2", null), ALICE);

        assertEquals(List.of(100L, 99L), page.items().stream().map(Message::seq).toList());
        ReadMessagesQuery next = ReadMessagesQuery.of(ConversationRef.id(alices.id()), "desc", null, page.nextCursor());
        assertEquals(99, next.boundarySeq());
        verify(messages, never()).page(any(), anyLong(), anyLong(), anyInt());
    }

    @Test
    void the_last_page_has_no_cursor() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(messages.page(alices.id(), 0, Long.MAX_VALUE, 51)).thenReturn(messages(alices.id(), 1, 3));
        assertNull(service.read(ReadMessagesQuery.of(ConversationRef.id(alices.id()), null, null, null), ALICE).nextCursor());
    }

    @Test
    void someone_elses_history_is_not_found() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class,
                () -> service.read(ReadMessagesQuery.of(ConversationRef.id(alices.id()), null, null, null), BOB));
        verifyNoInteractions(messages);
    }
}
