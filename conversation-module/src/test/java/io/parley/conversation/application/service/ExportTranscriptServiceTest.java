package io.parley.conversation.application.service;

import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.in.Transcript;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.conversation.domain.Conversations;

import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ExportTranscriptServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final ExportTranscriptService service = new ExportTranscriptService(new ConversationGuard(conversations, Optional.empty()), messages);

    final Conversation withMessages = new Conversation(UUID.randomUUID(), "session-0123456789abcdefgh", UUID.randomUUID(), "alice",
            Channel.WEB, null, ConversationStatus.OPEN, null, Map.of(), 700, Conversations.STARTED,
            Instant.parse("2026-11-23T11:00:00Z"), null);

    @Test
    void access_is_checked_at_once_but_messages_load_only_as_they_are_consumed_in_batches_up_to_the_count_seen() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(withMessages));
        when(messages.page(withMessages.id(), 0, 700, MessageStream.BATCH))
                .thenReturn(ReadMessagesServiceTest.messages(withMessages.id(), 1, 500));
        when(messages.page(withMessages.id(), 500, 700, MessageStream.BATCH))
                .thenReturn(ReadMessagesServiceTest.messages(withMessages.id(), 501, 700));

        Transcript transcript = service.export(ConversationRef.id(withMessages.id()), ALICE);

        assertSame(withMessages, transcript.conversation());
        verifyNoInteractions(messages);
        List<Long> seqs = new ArrayList<>();
        transcript.messages().forEachRemaining(message -> seqs.add(message.seq()));
        assertEquals(700, seqs.size());
        assertEquals(1L, seqs.get(0));
        assertEquals(700L, seqs.get(699));
        verify(messages).page(withMessages.id(), 500, 700, MessageStream.BATCH);
    }

    @Test
    void someone_elses_transcript_is_not_found() {
        when(conversations.load(any(), any())).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.export(ConversationRef.id(withMessages.id()), BOB));
    }

    @Test
    void a_conversation_without_messages_never_queries_them() {
        Conversation empty = Conversations.ownedBy("alice");
        when(conversations.load(any(), any())).thenReturn(Optional.of(empty));
        Transcript transcript = service.export(ConversationRef.id(empty.id()), ALICE);
        assertFalse(transcript.messages().hasNext());
        verifyNoInteractions(messages);
    }

}
