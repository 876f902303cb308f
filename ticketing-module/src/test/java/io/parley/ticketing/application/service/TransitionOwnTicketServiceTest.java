package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase.OwnTransitionCommand;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Optional;
import java.util.UUID;

import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** A guest closes the ticket of their own session: that move only, on a ticket that exists and is open. */
@ExtendWith(MockitoExtension.class)
class TransitionOwnTicketServiceTest {

    static final String SESSION = "a-guest-session-id-of-a-guest";

    @Mock
    ConversationDirectory directory;
    @Mock
    LockTicketPort lockTickets;
    @Mock
    SaveTicketPort saveTickets;
    @Mock
    HandoffOutboxPort outbox;
    @Mock
    HelpdeskProviders helpdesks;

    TransitionOwnTicketService service;
    final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        var clock = Fixture.clock();
        service = new TransitionOwnTicketService(new ConversationResolver(directory), lockTickets,
                new TicketChangeWriter(saveTickets, outbox, helpdesks, clock), clock);
    }

    private void guestSession() {
        ConversationView view = conversation(conversationId, null, "open", null);
        when(directory.findBySession(SESSION)).thenReturn(Optional.of(view));
        when(directory.requireOwnedBy(conversationId, Caller.guest(SESSION))).thenReturn(view);
    }

    private OwnTransitionCommand command(String to) {
        return OwnTransitionCommand.of(ConversationLookup.bySession(SESSION), Caller.guest(SESSION), to, "solved, thanks");
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"OPEN_AI_HANDLING", "PENDING_HUMAN_ASSIGNMENT", "ACTIVE_HUMAN_CHAT"})
    void the_guest_closes_an_open_ticket_and_its_handoff_is_settled(TicketStatus status) {
        guestSession();
        Ticket ticket = Fixture.ticket(conversationId, status);
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.of(ticket));

        Ticket closed = service.transition(command("CLOSED_BY_CLIENT"));

        assertEquals(TicketStatus.CLOSED_BY_CLIENT, closed.status());
        assertEquals(Fixture.NOW, closed.closedAt());
        verify(saveTickets).update(closed, ticket.version());
        ArgumentCaptor<TicketEvent> event = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets).append(event.capture());
        assertEquals("guest", event.getValue().actor());
        assertEquals("solved, thanks", event.getValue().reason());
        verify(outbox).settleForClosedTicket(eq(ticket.id()), any());
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "CLOSED_BY_CLIENT", mode = EnumSource.Mode.EXCLUDE)
    void every_other_move_is_forbidden_before_the_ticket_is_even_looked_up(TicketStatus to) {
        guestSession();
        assertThrows(ForbiddenException.class, () -> service.transition(command(to.wireValue())));
        verifyNoInteractions(lockTickets, saveTickets, outbox);
    }

    @Test
    void an_unknown_session_is_not_found_whatever_the_move() {
        when(directory.findBySession(SESSION)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.transition(command("CLOSED_BY_CLIENT")));
        assertThrows(NotFoundException.class, () -> service.transition(command("ACTIVE_HUMAN_CHAT")));
        verifyNoInteractions(lockTickets);
    }

    @Test
    void no_ticket_is_not_found() {
        guestSession();
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.transition(command("CLOSED_BY_CLIENT")));
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"CLOSED_RESOLVED", "CLOSED_BY_CLIENT"})
    void a_closed_ticket_is_a_conflict(TicketStatus status) {
        guestSession();
        Ticket ticket = Fixture.ticket(conversationId, status);
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.of(ticket));

        ConflictException conflict = assertThrows(ConflictException.class, () -> service.transition(command("CLOSED_BY_CLIENT")));

        assertEquals(status.wireValue(), conflict.details().get("current_status"));
        verify(saveTickets, never()).update(any(), anyLong());
    }

    @Test
    void the_command_names_the_broken_rules() {
        ConversationLookup ref = ConversationLookup.bySession(SESSION);
        Caller guest = Caller.guest(SESSION);
        assertEquals("to", assertThrows(RuleViolationException.class, () -> OwnTransitionCommand.of(ref, guest, null, null)).errors().get(0).field());
        assertEquals("to", assertThrows(RuleViolationException.class, () -> OwnTransitionCommand.of(ref, guest, "closed_by_client", null)).errors().get(0).field());
        assertEquals("reason", assertThrows(RuleViolationException.class,
                () -> OwnTransitionCommand.of(ref, guest, "CLOSED_BY_CLIENT", "r".repeat(1001))).errors().get(0).field());
        assertEquals("[REDACTED:CARD]", OwnTransitionCommand.of(ref, guest, "CLOSED_BY_CLIENT", "4111 1111 1111 1111").reason());
        assertEquals(null, OwnTransitionCommand.of(ref, guest, "CLOSED_BY_CLIENT", "  ").reason());
    }
}
