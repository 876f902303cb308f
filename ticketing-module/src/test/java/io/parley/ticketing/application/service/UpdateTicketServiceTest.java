package io.parley.ticketing.application.service;

import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase.UpdateTicketCommand;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class UpdateTicketServiceTest {

    @Mock
    LockTicketPort lockTickets;
    @Mock
    SaveTicketPort saveTickets;

    UpdateTicketService service;

    @BeforeEach
    void wire() {
        service = new UpdateTicketService(lockTickets, saveTickets, Fixture.clock());
    }

    @Test
    void an_edit_at_the_current_version_is_stored_with_the_next() {
        Ticket ticket = Fixture.ticket(UUID.randomUUID(), TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(lockTickets.lockById(ticket.id())).thenReturn(Optional.of(ticket));

        Ticket edited = service.update(UpdateTicketCommand.of(ticket.id().toString(), AGENT, "urgent", null, Map.of("a", 1), ticket.version()));

        assertEquals(Priority.URGENT, edited.priority());
        assertEquals(Map.of("a", 1), edited.metadata());
        assertEquals(ticket.version() + 1, edited.version());
        verify(saveTickets).update(edited, ticket.version());
    }

    @Test
    void a_stale_version_is_a_conflict() {
        Ticket ticket = Fixture.ticket(UUID.randomUUID(), TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(lockTickets.lockById(ticket.id())).thenReturn(Optional.of(ticket));
        ConflictException conflict = assertThrows(ConflictException.class,
                () -> service.update(UpdateTicketCommand.of(ticket.id().toString(), AGENT, "low", null, null, ticket.version() - 1)));
        assertEquals(ticket.version(), conflict.details().get("current_version"));
        verify(saveTickets, never()).update(any(), anyLong());
    }

    @Test
    void customers_do_not_edit_and_unknown_tickets_are_not_found() {
        String id = UUID.randomUUID().toString();
        assertThrows(ForbiddenException.class, () -> service.update(UpdateTicketCommand.of(id, Fixture.ALICE, "low", null, null, 0L)));
        verifyNoInteractions(lockTickets);
        when(lockTickets.lockById(UUID.fromString(id))).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.update(UpdateTicketCommand.of(id, Fixture.AI, "low", null, null, 0L)));
    }
}
