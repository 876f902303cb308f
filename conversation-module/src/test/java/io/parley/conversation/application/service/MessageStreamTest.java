package io.parley.conversation.application.service;

import io.parley.conversation.application.port.out.LoadMessagesPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class MessageStreamTest {

    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final UUID conversationId = UUID.randomUUID();

    @Test
    void a_full_batch_asks_for_the_next_one_and_a_short_batch_ends_the_stream() {
        when(messages.page(conversationId, 0, 1000, MessageStream.BATCH)).thenReturn(ReadMessagesServiceTest.messages(conversationId, 1, 500));
        when(messages.page(conversationId, 500, 1000, MessageStream.BATCH)).thenReturn(ReadMessagesServiceTest.messages(conversationId, 501, 620));
        MessageStream stream = new MessageStream(messages, conversationId, 1000);

        int count = 0;
        while (stream.hasNext()) {
            assertEquals(++count, stream.next().seq());
        }

        assertEquals(620, count);
        verify(messages, times(2)).page(eq(conversationId), anyLong(), anyLong(), anyInt());
        assertThrows(NoSuchElementException.class, stream::next);
    }

    @Test
    void an_exact_multiple_of_the_batch_ends_on_an_empty_batch() {
        when(messages.page(conversationId, 0, 500, MessageStream.BATCH)).thenReturn(ReadMessagesServiceTest.messages(conversationId, 1, 500));
        when(messages.page(conversationId, 500, 500, MessageStream.BATCH)).thenReturn(List.of());
        MessageStream stream = new MessageStream(messages, conversationId, 500);
        int count = 0;
        while (stream.hasNext()) {
            stream.next();
            count++;
        }
        assertEquals(500, count);
        assertFalse(stream.hasNext());
    }
}
