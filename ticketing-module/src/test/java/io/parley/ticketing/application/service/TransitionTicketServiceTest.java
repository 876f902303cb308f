package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase.TransitionCommand;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Ticket;
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
import static io.parley.ticketing.application.service.Fixture.AI;
import static io.parley.ticketing.application.service.Fixture.ALICE;
import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class TransitionTicketServiceTest {

    @Mock
    LockTicketPort lockTickets;
    @Mock
    ConversationDirectory directory;
    @Mock
    UserDirectory users;
    @Mock
    SaveTicketPort saveTickets;
    @Mock
    HandoffOutboxPort outbox;
    @Mock
    HelpdeskProviders helpdesks;

    TransitionTicketService service;
    final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        var clock = Fixture.clock();
        service = new TransitionTicketService(lockTickets, new ConversationResolver(directory), users,
                new TicketChangeWriter(saveTickets, outbox, helpdesks, clock), clock);
    }

    private Ticket locked(TicketStatus status) {
        Ticket ticket = Fixture.ticket(conversationId, status);
        when(lockTickets.lockById(ticket.id())).thenReturn(Optional.of(ticket));
        return ticket;
    }

    private TransitionCommand command(Ticket ticket, io.parley.kernel.Caller caller, String to, String assignee, Long version) {
        return TransitionCommand.of(ticket.id().toString(), caller, to, "because", assignee, version);
    }

    @Test
    void an_agent_taking_a_ticket_without_naming_an_assignee_takes_it_themselves() {
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        UUID me = UUID.randomUUID();
        when(users.ensureUser(AGENT)).thenReturn(me);

        Ticket active = service.transition(command(pending, AGENT, "ACTIVE_HUMAN_CHAT", null, null));

        assertEquals(me, active.assigneeId());
        verify(saveTickets).update(active, pending.version());
        verify(saveTickets).append(any());
    }

    @Test
    void a_named_assignee_is_used_as_given() {
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        UUID colleague = UUID.randomUUID();

        Ticket active = service.transition(command(pending, AGENT, "ACTIVE_HUMAN_CHAT", colleague.toString(), pending.version()));

        assertEquals(colleague, active.assigneeId());
        verifyNoInteractions(users);
    }

    @Test
    void a_stale_version_or_a_disallowed_move_changes_nothing() {
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        assertThrows(ConflictException.class, () -> service.transition(command(pending, AGENT, "CLOSED_BY_CLIENT", null, pending.version() + 1)));
        assertThrows(ConflictException.class, () -> service.transition(command(pending, AGENT, "CLOSED_RESOLVED", null, null)));
        verify(saveTickets, never()).update(any(), anyLong());
        verify(saveTickets, never()).append(any());
    }

    @Test
    void an_unknown_ticket_is_not_found() {
        UUID id = UUID.randomUUID();
        when(lockTickets.lockById(id)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.transition(TransitionCommand.of(id.toString(), AGENT, "CLOSED_BY_CLIENT", null, null, null)));
    }

    @Test
    void escalating_through_a_transition_records_the_summary_and_queues_the_handoff() {
        Ticket open = locked(TicketStatus.OPEN_AI_HANDLING);
        when(directory.find(conversationId)).thenReturn(Optional.of(conversation(conversationId, null, "open", "Card declined twice")));
        when(helpdesks.active()).thenReturn(HelpdeskKind.EMAIL);

        Ticket pending = service.transition(command(open, AGENT, "PENDING_HUMAN_ASSIGNMENT", null, null));

        assertEquals("Card declined twice", pending.initialSummary());
        assertEquals("because", pending.escalationReason());
        ArgumentCaptor<Handoff> handoff = ArgumentCaptor.forClass(Handoff.class);
        verify(outbox).enqueue(handoff.capture());
        assertEquals(HelpdeskKind.EMAIL, handoff.getValue().provider());
    }

    @Test
    void closing_settles_the_handoff() {
        Ticket active = locked(TicketStatus.ACTIVE_HUMAN_CHAT);
        service.transition(command(active, AGENT, "CLOSED_RESOLVED", null, null));
        verify(outbox).settleForClosedTicket(active.id(), Fixture.NOW);
    }

    @Test
    void a_customer_may_only_close_their_own_ticket() {
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, UUID.randomUUID(), "open", null));

        assertThrows(ForbiddenException.class, () -> service.transition(command(pending, ALICE, "ACTIVE_HUMAN_CHAT", null, null)));
        Ticket closed = service.transition(command(pending, ALICE, "CLOSED_BY_CLIENT", null, null));
        assertEquals(TicketStatus.CLOSED_BY_CLIENT, closed.status());
    }

    @Test
    void someone_elses_ticket_is_not_found_for_a_customer() {
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(directory.requireOwnedBy(conversationId, ALICE)).thenThrow(new NotFoundException("conversation"));
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> service.transition(command(pending, ALICE, "CLOSED_BY_CLIENT", null, null)));
        assertEquals("ticket not found", missing.getMessage(), "it does not even say a conversation exists");
        verify(saveTickets, never()).update(any(), anyLong());
    }

    @Test
    void the_AI_moves_only_tickets_it_still_handles() {
        Ticket open = locked(TicketStatus.OPEN_AI_HANDLING);
        assertEquals(TicketStatus.CLOSED_RESOLVED, service.transition(command(open, AI, "CLOSED_RESOLVED", null, null)).status());
        Ticket pending = locked(TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        assertThrows(ForbiddenException.class, () -> service.transition(command(pending, AI, "CLOSED_BY_CLIENT", null, null)));
    }
}
