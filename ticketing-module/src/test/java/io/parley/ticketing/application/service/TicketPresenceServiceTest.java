package io.parley.ticketing.application.service;

import io.parley.ticketing.application.port.out.LoadTicketPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class TicketPresenceServiceTest {

    @Mock
    LoadTicketPort tickets;

    @Test
    void a_conversation_has_a_ticket_when_the_store_holds_one() {
        UUID with = UUID.randomUUID();
        UUID without = UUID.randomUUID();
        when(tickets.existsForConversation(with)).thenReturn(true);
        when(tickets.existsForConversation(without)).thenReturn(false);
        TicketPresenceService service = new TicketPresenceService(tickets);
        assertTrue(service.conversationHasTicket(with));
        assertFalse(service.conversationHasTicket(without));
    }
}
