package io.parley.conversation.application.service;

import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.conversation.application.service.Callers.AGENT;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static io.parley.conversation.application.service.Callers.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ConversationDirectoryServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final LoadMessagesPort messages = mock(LoadMessagesPort.class);
    final TicketPresence tickets = mock(TicketPresence.class);
    final ConversationDirectoryService directory = new ConversationDirectoryService(conversations, messages, new ConversationGuard(conversations, Optional.of(tickets)));
    final Conversation alices = Conversations.ownedBy("alice");

    @Test
    void requireReadable_applies_the_isolation_rule() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        ConversationView view = directory.requireReadable(alices.id(), ALICE);
        assertEquals(alices.id(), view.id());
        assertEquals("alice", view.ownerSubject());
        assertThrows(NotFoundException.class, () -> directory.requireReadable(alices.id(), BOB));
        assertThrows(NotFoundException.class, () -> directory.requireReadable(alices.id(), AGENT));
        when(tickets.hasTicket(alices.id())).thenReturn(true);
        assertEquals(alices.id(), directory.requireReadable(alices.id(), AGENT).id());
    }

    @Test
    void requireOwnedBy_is_the_customer_admins_and_services_but_not_an_agent_with_a_ticket() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(tickets.hasTicket(alices.id())).thenReturn(true);
        assertEquals(alices.id(), directory.requireOwnedBy(alices.id(), ALICE).id());
        assertEquals(alices.id(), directory.requireOwnedBy(alices.id(), SERVICE).id());
        assertThrows(NotFoundException.class, () -> directory.requireOwnedBy(alices.id(), AGENT));
    }

    @Test
    void system_lookups_are_unscoped() {
        when(conversations.load(alices.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(alices));
        when(conversations.loadBySession("s".repeat(30), ConversationScope.SYSTEM)).thenReturn(Optional.of(alices));
        assertEquals(alices.id(), directory.find(alices.id()).orElseThrow().id());
        assertEquals(alices.id(), directory.findBySession("s".repeat(30)).orElseThrow().id());
    }

    @Test
    void the_plain_text_transcript_has_the_header_and_every_message() {
        Conversation two = new Conversation(UUID.randomUUID(), "session-0123456789abcdefgh", UUID.randomUUID(), "alice",
                Channel.WEB, null, ConversationStatus.OPEN, null, Map.of(), 2, Conversations.STARTED, Conversations.STARTED, null);
        when(conversations.load(two.id(), ConversationScope.SYSTEM)).thenReturn(Optional.of(two));
        when(messages.page(two.id(), 0, 2, MessageStream.BATCH)).thenReturn(ReadMessagesServiceTest.messages(two.id(), 1, 2));

        String text = directory.plainTextTranscript(two.id());

        assertTrue(text.startsWith("Conversation " + two.id()), text);
        assertTrue(text.contains("#1 User: m1\n") && text.contains("#2 User: m2\n"), text);
    }
}
