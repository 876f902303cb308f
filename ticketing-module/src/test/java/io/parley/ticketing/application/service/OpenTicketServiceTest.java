package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.OpenTicketUseCase.OpenTicketCommand;
import io.parley.ticketing.application.port.in.OpenTicketUseCase.Opened;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.AI;
import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class OpenTicketServiceTest {

    @Mock
    ConversationDirectory directory;
    @Mock
    LoadTicketPort loadTickets;
    @Mock
    SaveTicketPort saveTickets;

    OpenTicketService service;
    final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        service = new OpenTicketService(new ConversationResolver(directory), loadTickets, saveTickets, Fixture.clock());
    }

    @Test
    void the_AI_opens_a_ticket_in_OPEN_AI_HANDLING_with_its_first_event() {
        UUID owner = UUID.randomUUID();
        when(directory.requireOwnedBy(conversationId, AI)).thenReturn(conversation(conversationId, owner, "open", null));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        when(saveTickets.nextTicketNumber()).thenReturn(2000L);
        when(saveTickets.insertIfAbsent(any())).thenReturn(true);

        Opened opened = service.open(OpenTicketCommand.of(ConversationLookup.byId(conversationId), AI, "damaged", "high", Map.of("order", 7)));

        assertTrue(opened.created());
        Ticket ticket = opened.ticket();
        assertEquals(TicketStatus.OPEN_AI_HANDLING, ticket.status());
        assertEquals(Priority.HIGH, ticket.priority());
        assertEquals("damaged", ticket.description());
        assertEquals(Map.of("order", 7), ticket.metadata());
        assertEquals(owner, ticket.clientId());
        ArgumentCaptor<TicketEvent> event = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets).append(event.capture());
        assertNull(event.getValue().from());
        assertEquals("service:assistant", event.getValue().actor());
    }

    @Test
    void a_repeat_answers_with_the_existing_ticket_and_spends_no_ticket_number() {
        when(directory.requireOwnedBy(conversationId, AI)).thenReturn(conversation(conversationId, null, "open", null));
        Ticket existing = Fixture.ticket(conversationId, TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(existing));

        Opened opened = service.open(OpenTicketCommand.of(ConversationLookup.byId(conversationId), AI, null, null, null));

        assertFalse(opened.created());
        assertSame(existing, opened.ticket());
        verifyNoInteractions(saveTickets);
    }

    @Test
    void a_concurrent_opener_that_won_the_insert_is_answered_with_its_ticket() {
        when(directory.requireOwnedBy(conversationId, AI)).thenReturn(conversation(conversationId, null, "open", null));
        Ticket winner = Fixture.ticket(conversationId, TicketStatus.OPEN_AI_HANDLING);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty(), Optional.of(winner));
        when(saveTickets.nextTicketNumber()).thenReturn(2001L);
        when(saveTickets.insertIfAbsent(any())).thenReturn(false);

        Opened opened = service.open(OpenTicketCommand.of(ConversationLookup.byId(conversationId), AI, null, null, null));

        assertFalse(opened.created());
        assertSame(winner, opened.ticket());
        verify(saveTickets, never()).append(any());
    }

    @Test
    void customers_and_agents_do_not_open_tickets() {
        for (var caller : new io.parley.kernel.Caller[]{Fixture.ALICE, Fixture.AGENT}) {
            assertThrows(ForbiddenException.class,
                    () -> service.open(OpenTicketCommand.of(ConversationLookup.byId(conversationId), caller, null, null, null)));
        }
        verifyNoInteractions(directory, saveTickets);
    }

    @Test
    void a_closed_conversation_without_a_ticket_is_a_conflict() {
        when(directory.requireOwnedBy(conversationId, AI)).thenReturn(conversation(conversationId, null, "closed", null));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        assertThrows(ConflictException.class, () -> service.open(OpenTicketCommand.of(ConversationLookup.byId(conversationId), AI, null, null, null)));
        verify(saveTickets, never()).insertIfAbsent(any());
    }
}
