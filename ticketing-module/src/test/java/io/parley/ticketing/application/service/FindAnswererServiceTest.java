package io.parley.ticketing.application.service;

import io.parley.ticketing.application.port.in.FindAnswererUseCase.Answerer;
import io.parley.ticketing.application.port.in.FindAnswererUseCase.Assistant;
import io.parley.ticketing.application.port.in.FindAnswererUseCase.People;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The ticket decides who answers: the assistant unless people hold the conversation. */
@ExtendWith(MockitoExtension.class)
class FindAnswererServiceTest {

    @Mock
    LoadTicketPort tickets;
    @Mock
    LoadHandoffPort handoffs;

    FindAnswererService service;
    final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void wire() {
        service = new FindAnswererService(tickets, handoffs);
    }

    @Test
    void no_ticket_the_assistant_answers() {
        when(tickets.findByConversation(conversationId)).thenReturn(Optional.empty());
        assertSame(Assistant.INSTANCE, service.answererOf(conversationId));
        verifyNoInteractions(handoffs);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"OPEN_AI_HANDLING", "CLOSED_RESOLVED", "CLOSED_BY_CLIENT"})
    void the_AIs_own_ticket_or_a_closed_one_leaves_it_to_the_assistant(TicketStatus status) {
        when(tickets.findByConversation(conversationId)).thenReturn(Optional.of(Fixture.ticket(conversationId, status)));
        assertSame(Assistant.INSTANCE, service.answererOf(conversationId));
        verifyNoInteractions(handoffs);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"PENDING_HUMAN_ASSIGNMENT", "ACTIVE_HUMAN_CHAT"})
    void a_ticket_waiting_for_or_with_a_person_means_a_person_answers(TicketStatus status) {
        Ticket ticket = Fixture.ticket(conversationId, status);
        Handoff handoff = Fixture.handoff(ticket);
        when(tickets.findByConversation(conversationId)).thenReturn(Optional.of(ticket));
        when(handoffs.findByTicket(ticket.id())).thenReturn(Optional.of(handoff));

        Answerer answerer = service.answererOf(conversationId);

        People people = assertInstanceOf(People.class, answerer);
        assertSame(ticket, people.ticket());
        assertEquals(Optional.of(handoff), people.handoff());
        assertEquals(status == TicketStatus.ACTIVE_HUMAN_CHAT ? HandoffStatus.ROUTED : HandoffStatus.PENDING, people.handoffStatus());
    }
}
