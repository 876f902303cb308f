package io.parley.ticketing.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Page;
import io.parley.ticketing.application.port.in.ListTicketsUseCase.ListTicketsQuery;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class ListTicketsServiceTest {

    @Mock
    LoadTicketPort loadTickets;
    @Mock
    UserDirectory users;

    ListTicketsService service;

    @BeforeEach
    void wire() {
        service = new ListTicketsService(loadTickets, users);
    }

    @Test
    void a_page_is_fetched_with_one_row_of_lookahead_and_continues_after_its_last_ticket() {
        UUID me = UUID.randomUUID();
        when(users.ensureUser(AGENT)).thenReturn(me);
        Ticket a = Fixture.ticket(UUID.randomUUID(), TicketStatus.ACTIVE_HUMAN_CHAT);
        Ticket b = Fixture.ticket(UUID.randomUUID(), TicketStatus.ACTIVE_HUMAN_CHAT);
        Ticket c = Fixture.ticket(UUID.randomUUID(), TicketStatus.ACTIVE_HUMAN_CHAT);
        when(loadTickets.list(Set.of(TicketStatus.ACTIVE_HUMAN_CHAT), me, null, null, 3)).thenReturn(List.of(a, b, c));

        Page<Ticket> page = service.list(ListTicketsQuery.of(AGENT, "ACTIVE_HUMAN_CHAT", "me", "2", null));

        assertEquals(List.of(a, b), page.items());
        ListTicketsQuery next = ListTicketsQuery.of(AGENT, null, null, "2", page.nextCursor());
        assertEquals(b.openedAt(), next.after().openedAt());
        assertEquals(b.id(), next.after().id());
        when(loadTickets.list(Set.of(), null, b.openedAt(), b.id(), 3)).thenReturn(List.of(c));
        Page<Ticket> last = service.list(next);
        assertEquals(List.of(c), last.items());
        assertNull(last.nextCursor());
    }

    @Test
    void only_staff_list_tickets() {
        assertThrows(ForbiddenException.class, () -> service.list(ListTicketsQuery.of(Fixture.ALICE, null, null, null, null)));
        assertThrows(ForbiddenException.class, () -> service.list(ListTicketsQuery.of(Fixture.AI, null, null, null, null)));
        verifyNoInteractions(loadTickets);
    }
}
