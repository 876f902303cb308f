package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.ALICE;
import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class GetTicketServiceTest {

    @Mock
    LoadTicketPort loadTickets;
    @Mock
    ConversationDirectory directory;

    GetTicketService service;
    final UUID conversationId = UUID.randomUUID();
    Ticket ticket;

    @BeforeEach
    void wire() {
        service = new GetTicketService(loadTickets, new ConversationResolver(directory));
        ticket = Fixture.ticket(conversationId, TicketStatus.PENDING_HUMAN_ASSIGNMENT);
    }

    @Test
    void staff_and_the_AI_read_any_ticket() {
        when(loadTickets.findById(ticket.id())).thenReturn(Optional.of(ticket));
        assertSame(ticket, service.byId(ticket.id(), Fixture.AGENT));
        assertSame(ticket, service.byId(ticket.id(), Fixture.ADMIN));
        assertSame(ticket, service.byId(ticket.id(), Fixture.AI));
        verifyNoInteractions(directory);
    }

    @Test
    void a_customer_reads_their_own_ticket_and_its_history_only() {
        when(loadTickets.findById(ticket.id())).thenReturn(Optional.of(ticket));
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, UUID.randomUUID(), "open", null));
        List<TicketEvent> history = List.of();
        when(loadTickets.history(ticket.id())).thenReturn(history);

        assertSame(ticket, service.byId(ticket.id(), ALICE));
        assertSame(history, service.history(ticket.id(), ALICE));

        when(directory.requireOwnedBy(conversationId, ALICE)).thenThrow(new NotFoundException("conversation"));
        assertEquals("ticket not found", assertThrows(NotFoundException.class, () -> service.byId(ticket.id(), ALICE)).getMessage());
    }

    @Test
    void a_ticket_whose_conversation_was_erased_is_no_customers() {
        Ticket orphan = new Ticket(ticket.id(), ticket.number(), null, null, null, ticket.status(), ticket.priority(), null, null, null,
                null, ticket.version(), ticket.openedAt(), null, null, ticket.updatedAt());
        when(loadTickets.findById(orphan.id())).thenReturn(Optional.of(orphan));
        assertThrows(NotFoundException.class, () -> service.byId(orphan.id(), ALICE));
        verifyNoInteractions(directory);
    }

    @Test
    void the_ticket_of_a_readable_conversation() {
        when(directory.requireReadable(conversationId, Fixture.AGENT)).thenReturn(conversation(conversationId, null, "open", null));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(ticket));
        assertSame(ticket, service.forConversation(ConversationLookup.byId(conversationId), Fixture.AGENT));

        UUID bare = UUID.randomUUID();
        when(directory.requireReadable(bare, Fixture.AGENT)).thenReturn(conversation(bare, null, "open", null));
        when(loadTickets.findByConversation(bare)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.forConversation(ConversationLookup.byId(bare), Fixture.AGENT));
    }

    @Test
    void an_unknown_ticket_is_not_found() {
        UUID id = UUID.randomUUID();
        when(loadTickets.findById(id)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.history(id, Fixture.ADMIN));
    }
}
