package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.GetHandoffUseCase.HandoffWithTicket;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class GetHandoffServiceTest {

    @Mock
    ConversationDirectory directory;
    @Mock
    LoadHandoffPort handoffs;
    @Mock
    LoadTicketPort tickets;

    GetHandoffService service;
    final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        service = new GetHandoffService(new ConversationResolver(directory), handoffs, tickets);
    }

    static final String SESSION = "a-guest-session-id-of-a-guest";

    @Test
    void a_guest_reads_the_handoff_of_their_session() {
        var view = conversation(conversationId, null, "open", null);
        when(directory.findBySession(SESSION)).thenReturn(Optional.of(view));
        when(directory.requireReadable(conversationId, Caller.guest(SESSION))).thenReturn(view);
        Ticket ticket = Fixture.ticket(conversationId, TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        Handoff handoff = Fixture.handoff(ticket);
        when(handoffs.findByConversation(conversationId)).thenReturn(Optional.of(handoff));
        when(tickets.findById(ticket.id())).thenReturn(Optional.of(ticket));

        HandoffWithTicket found = service.forConversation(ConversationLookup.bySession(SESSION), Caller.anonymous());
        assertEquals(new HandoffWithTicket(handoff, ticket), found);
        assertEquals(HandoffStatus.PENDING, found.status());
    }

    @Test
    void no_handoff_is_not_found() {
        when(directory.requireReadable(conversationId, Fixture.ALICE)).thenReturn(conversation(conversationId, UUID.randomUUID(), "open", null));
        when(handoffs.findByConversation(conversationId)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.forConversation(ConversationLookup.byId(conversationId), Fixture.ALICE));
    }
}
