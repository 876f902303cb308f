package io.parley.ticketing.application.service;

import io.parley.conversation.api.ConversationDirectory;
import io.parley.conversation.api.ConversationView;
import io.parley.kernel.Caller;
import io.parley.kernel.ConflictException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.RuleViolationException;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.Escalated;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.Outcome;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.parley.ticketing.application.service.Fixture.ALICE;
import static io.parley.ticketing.application.service.Fixture.conversation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class EscalationServiceTest {

    @Mock
    ConversationDirectory directory;
    @Mock
    LoadTicketPort loadTickets;
    @Mock
    LockTicketPort lockTickets;
    @Mock
    SaveTicketPort saveTickets;
    @Mock
    LoadHandoffPort handoffs;
    @Mock
    HandoffOutboxPort outbox;
    @Mock
    HelpdeskProviders helpdesks;

    EscalationService service;
    final UUID conversationId = UUID.randomUUID();
    final UUID ownerId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        var clock = Fixture.clock();
        service = new EscalationService(new ConversationResolver(directory), loadTickets, lockTickets, saveTickets, handoffs,
                new TicketChangeWriter(saveTickets, outbox, helpdesks, clock), clock);
    }

    @Test
    void a_new_ticket_is_inserted_conflict_safely_then_locked_moved_and_handed_off() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "open", "Refund missing"));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        when(saveTickets.nextTicketNumber()).thenReturn(1042L);
        AtomicReference<Ticket> inserted = new AtomicReference<>();
        when(saveTickets.insertIfAbsent(any())).thenAnswer(call -> {
            inserted.set(call.getArgument(0));
            return true;
        });
        when(lockTickets.lockByConversation(conversationId)).thenAnswer(call -> Optional.of(inserted.get()));
        when(helpdesks.active()).thenReturn(HelpdeskKind.ZENDESK);

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "the refund never came"));

        assertTrue(result.created());
        Ticket ticket = result.ticket();
        assertEquals(TicketStatus.PENDING_HUMAN_ASSIGNMENT, ticket.status());
        assertEquals("T-1042", ticket.number().toString());
        assertEquals(ownerId, ticket.clientId(), "the client is the conversation's owner");
        assertEquals("the refund never came", ticket.escalationReason());
        assertEquals("Refund missing", ticket.initialSummary());
        assertEquals(Fixture.NOW, ticket.openedAt());
        assertEquals(Fixture.NOW.plusNanos(1_000), ticket.updatedAt(), "the move is after the opening, though the clock stood still");
        assertEquals(TicketStatus.OPEN_AI_HANDLING, inserted.get().status(), "born open, so the history shows the move from OPEN_AI_HANDLING");
        verify(saveTickets).update(ticket, 0);
        ArgumentCaptor<TicketEvent> events = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets, times(2)).append(events.capture());
        assertEquals(List.of("null>OPEN_AI_HANDLING", "OPEN_AI_HANDLING>PENDING_HUMAN_ASSIGNMENT"),
                events.getAllValues().stream().map(e -> e.from() + ">" + e.to()).toList());
        assertEquals(List.of("user:alice", "user:alice"), events.getAllValues().stream().map(TicketEvent::actor).toList());
        ArgumentCaptor<Handoff> handoff = ArgumentCaptor.forClass(Handoff.class);
        verify(outbox).enqueue(handoff.capture());
        assertEquals(HelpdeskKind.ZENDESK, handoff.getValue().provider());
        assertEquals(DeliveryState.AWAITING_DELIVERY, handoff.getValue().delivery());
        assertEquals(Fixture.NOW, handoff.getValue().nextAttemptAt(), "due at once");
        assertEquals(ticket.id(), handoff.getValue().ticketId());
        assertEquals(Optional.of(handoff.getValue()), result.handoff());
    }

    @Test
    void a_ticket_the_AI_opened_is_moved_without_a_second_creation_event() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "open", null));
        Ticket aiTicket = Fixture.ticket(conversationId, TicketStatus.OPEN_AI_HANDLING);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(aiTicket));
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.of(aiTicket));
        when(helpdesks.active()).thenReturn(HelpdeskKind.INTERNAL);

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "humans please"));

        assertTrue(result.created());
        assertEquals(aiTicket.id(), result.ticket().id());
        assertEquals(aiTicket.number(), result.ticket().number(), "the existing ticket keeps its number");
        verify(saveTickets, times(1)).append(any());
        verify(saveTickets).update(result.ticket(), aiTicket.version());
        verify(saveTickets, never()).insertIfAbsent(any());
        verify(saveTickets, never()).nextTicketNumber();
    }

    @Test
    void a_ticket_another_call_opened_and_moved_meanwhile_is_returned_unchanged() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "open", null));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        when(saveTickets.nextTicketNumber()).thenReturn(1044L);
        when(saveTickets.insertIfAbsent(any())).thenReturn(false);
        Ticket active = Fixture.ticket(conversationId, TicketStatus.ACTIVE_HUMAN_CHAT);
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.of(active));
        Handoff handoff = Fixture.handoff(active);
        when(handoffs.findByTicket(active.id())).thenReturn(Optional.of(handoff));

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "again"));

        assertFalse(result.created());
        assertSame(active, result.ticket());
        assertEquals(Optional.of(handoff), result.handoff());
        verify(saveTickets, never()).update(any(), anyLong());
        verify(saveTickets, never()).append(any());
        verifyNoInteractions(outbox);
    }

    @Test
    void a_closed_conversation_gets_no_new_ticket_but_a_repeat_finds_its_old_one() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "closed", null));
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());

        ConflictException conflict = assertThrows(ConflictException.class,
                () -> service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "late")));
        assertEquals("closed", conflict.details().get("conversation_status"));
        verify(saveTickets, never()).insertIfAbsent(any());

        Ticket pending = Fixture.ticket(conversationId, TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(pending));
        Escalated repeat = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "late"));
        assertFalse(repeat.created());
        assertSame(pending, repeat.ticket());
    }

    @Test
    void a_closed_ticket_is_reopened_into_the_queue_and_handed_off_afresh() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "open", null));
        Ticket closed = Fixture.ticket(conversationId, TicketStatus.CLOSED_RESOLVED);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(closed));
        when(lockTickets.lockByConversation(conversationId)).thenReturn(Optional.of(closed));
        when(helpdesks.active()).thenReturn(HelpdeskKind.FRESHDESK);

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "it broke again"));

        assertEquals(Outcome.REOPENED, result.outcome());
        assertTrue(result.created());
        assertEquals(closed.id(), result.ticket().id(), "the same ticket");
        assertEquals(TicketStatus.PENDING_HUMAN_ASSIGNMENT, result.ticket().status());
        assertNull(result.ticket().closedAt());
        assertNull(result.ticket().assigneeId());
        verify(saveTickets).update(result.ticket(), closed.version());
        ArgumentCaptor<TicketEvent> event = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets).append(event.capture());
        assertEquals(TicketStatus.CLOSED_RESOLVED, event.getValue().from());
        assertEquals(TicketStatus.PENDING_HUMAN_ASSIGNMENT, event.getValue().to());
        assertEquals("it broke again", event.getValue().reason());
        ArgumentCaptor<Handoff> handoff = ArgumentCaptor.forClass(Handoff.class);
        verify(outbox).requeue(handoff.capture());
        verify(outbox, never()).enqueue(any());
        assertEquals(DeliveryState.AWAITING_DELIVERY, handoff.getValue().delivery());
        assertEquals(HelpdeskKind.FRESHDESK, handoff.getValue().provider());
        assertEquals("it broke again", handoff.getValue().reason());
        assertEquals(Optional.of(handoff.getValue()), result.handoff());
        verify(saveTickets, never()).insertIfAbsent(any());
    }

    @Test
    void a_closed_ticket_of_a_closed_conversation_stays_closed() {
        when(directory.requireOwnedBy(conversationId, ALICE)).thenReturn(conversation(conversationId, ownerId, "closed", null));
        Ticket closed = Fixture.ticket(conversationId, TicketStatus.CLOSED_BY_CLIENT);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.of(closed));

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "again"));

        assertEquals(Outcome.UNCHANGED, result.outcome());
        assertSame(closed, result.ticket());
        verifyNoInteractions(outbox, lockTickets);
    }

    @Test
    void a_guest_escalates_through_the_session_as_the_guest_whoever_calls() {
        ConversationView guestConversation = conversation(conversationId, null, "open", null);
        when(directory.findBySession("s3ss10n-s3ss10n-s3ss10n")).thenReturn(Optional.of(guestConversation));
        when(directory.requireOwnedBy(conversationId, Caller.guest("s3ss10n-s3ss10n-s3ss10n"))).thenReturn(guestConversation);
        when(loadTickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        when(saveTickets.nextTicketNumber()).thenReturn(1045L);
        AtomicReference<Ticket> inserted = new AtomicReference<>();
        when(saveTickets.insertIfAbsent(any())).thenAnswer(call -> {
            inserted.set(call.getArgument(0));
            return true;
        });
        when(lockTickets.lockByConversation(conversationId)).thenAnswer(call -> Optional.of(inserted.get()));
        when(helpdesks.active()).thenReturn(HelpdeskKind.INTERNAL);

        Escalated result = service.escalate(new EscalateCommand(ConversationLookup.bySession("s3ss10n-s3ss10n-s3ss10n"), Caller.anonymous(), "help"));

        assertNull(result.ticket().clientId());
        ArgumentCaptor<TicketEvent> events = ArgumentCaptor.forClass(TicketEvent.class);
        verify(saveTickets, times(2)).append(events.capture());
        assertEquals("guest", events.getValue().actor());
    }

    @Test
    void someone_elses_conversation_is_not_found_and_nothing_is_written() {
        when(directory.requireOwnedBy(eq(conversationId), any())).thenThrow(new NotFoundException("conversation"));

        assertThrows(NotFoundException.class, () -> service.escalate(new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "x")));

        verifyNoInteractions(saveTickets, lockTickets, outbox);
    }

    @Test
    void an_unknown_session_is_not_found() {
        when(directory.findBySession("nope-nope-nope-nope-nope")).thenReturn(Optional.empty());
        assertThrows(NotFoundException.class, () -> service.escalate(new EscalateCommand(ConversationLookup.bySession("nope-nope-nope-nope-nope"), Caller.anonymous(), "x")));
    }

    @Test
    void the_command_needs_a_reason_of_at_most_1000_characters() {
        assertThrows(RuleViolationException.class, () -> new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, null));
        assertThrows(RuleViolationException.class, () -> new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, ""));
        assertThrows(RuleViolationException.class, () -> new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "r".repeat(1001)));
        assertThrows(RuleViolationException.class, () -> new EscalateCommand(ConversationLookup.byId(conversationId), ALICE, "a\u0000b"));
    }
}
