package io.parley.ticketing.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.ForbiddenException;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class ClaimTicketServiceTest {

    @Mock
    LockTicketPort lockTickets;
    @Mock
    UserDirectory users;
    @Mock
    SaveTicketPort saveTickets;
    @Mock
    HandoffOutboxPort outbox;
    @Mock
    HelpdeskProviders helpdesks;

    ClaimTicketService service;

    @BeforeEach
    void wire() {
        var clock = Fixture.clock();
        service = new ClaimTicketService(lockTickets, users, new TicketChangeWriter(saveTickets, outbox, helpdesks, clock), clock);
    }

    @Test
    void the_next_ticket_of_the_queue_becomes_the_agents() {
        UUID agentId = UUID.randomUUID();
        when(users.ensureUser(AGENT)).thenReturn(agentId);
        Ticket pending = Fixture.ticket(UUID.randomUUID(), TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(lockTickets.lockNextInQueue()).thenReturn(Optional.of(pending));

        Ticket claimed = service.claimNext(AGENT).orElseThrow();

        assertEquals(TicketStatus.ACTIVE_HUMAN_CHAT, claimed.status());
        assertEquals(agentId, claimed.assigneeId());
        assertEquals(Fixture.NOW, claimed.assignedAt());
        verify(saveTickets).update(claimed, pending.version());
        ArgumentCaptor<TicketEvent> event = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets).append(event.capture());
        assertEquals("agent:bob", event.getValue().actor());
        assertEquals(ClaimTicketService.CLAIM_REASON, event.getValue().reason());
        verifyNoInteractions(outbox);
    }

    @Test
    void an_empty_queue_is_empty() {
        when(users.ensureUser(AGENT)).thenReturn(UUID.randomUUID());
        when(lockTickets.lockNextInQueue()).thenReturn(Optional.empty());
        assertEquals(Optional.empty(), service.claimNext(AGENT));
        verify(saveTickets, never()).update(any(), org.mockito.ArgumentMatchers.anyLong());
    }

    @Test
    void only_staff_claim() {
        assertThrows(ForbiddenException.class, () -> service.claimNext(Fixture.ALICE));
        assertThrows(ForbiddenException.class, () -> service.claimNext(Fixture.AI));
        verifyNoInteractions(lockTickets, users, saveTickets);
    }
}
