package io.parley.conversation.application.service;

import io.parley.conversation.api.TicketPresence;
import io.parley.conversation.application.port.in.ConversationRef;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.Conversations;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.application.service.Callers.AGENT;
import static io.parley.conversation.application.service.Callers.ALICE;
import static io.parley.conversation.application.service.Callers.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class GetConversationServiceTest {

    final LoadConversationPort conversations = mock(LoadConversationPort.class);
    final TicketPresence tickets = mock(TicketPresence.class);
    final GetConversationService service = new GetConversationService(new ConversationGuard(conversations, Optional.of(tickets)));
    final Conversation alices = Conversations.ownedBy("alice");

    @Test
    void the_owner_gets_it_through_a_query_scoped_to_them() {
        when(conversations.load(alices.id(), new ConversationScope(false, "alice", null))).thenReturn(Optional.of(alices));
        assertSame(alices, service.get(ConversationRef.id(alices.id()), ALICE));
        verify(tickets, never()).hasTicket(any());
    }

    @Test
    void what_the_scoped_query_does_not_return_is_not_found() {
        when(conversations.load(alices.id(), ConversationScope.of(BOB))).thenReturn(Optional.empty());
        assertEquals("conversation not found",
                assertThrows(NotFoundException.class, () -> service.get(ConversationRef.id(alices.id()), BOB)).getMessage());
    }

    @Test
    void the_access_rule_is_checked_again_after_the_query() {
        // even if a query ever returned too much, another user's conversation stays hidden
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        assertThrows(NotFoundException.class, () -> service.get(ConversationRef.id(alices.id()), BOB));
    }

    @Test
    void an_agent_sees_a_conversation_only_once_it_has_a_ticket() {
        when(conversations.load(any(), any())).thenReturn(Optional.of(alices));
        when(tickets.hasTicket(alices.id())).thenReturn(false);
        assertThrows(NotFoundException.class, () -> service.get(ConversationRef.id(alices.id()), AGENT));
        when(tickets.hasTicket(alices.id())).thenReturn(true);
        assertSame(alices, service.get(ConversationRef.id(alices.id()), AGENT));
    }

    @Test
    void a_guest_reaches_its_conversation_by_session_holding_that_session() {
        Conversation guests = Conversations.guest();
        when(conversations.loadBySession(Conversations.GUEST_SESSION, new ConversationScope(false, null, Conversations.GUEST_SESSION)))
                .thenReturn(Optional.of(guests));
        assertSame(guests, service.get(ConversationRef.session(Conversations.GUEST_SESSION), Caller.anonymous()));
    }

    @Test
    void a_user_with_a_token_also_holds_the_session_they_name() {
        Conversation guests = Conversations.guest();
        when(conversations.loadBySession(Conversations.GUEST_SESSION, new ConversationScope(false, "bob", Conversations.GUEST_SESSION)))
                .thenReturn(Optional.of(guests));
        assertSame(guests, service.get(ConversationRef.session(Conversations.GUEST_SESSION), BOB));
    }
}
