package io.parley.ticketing.adapter.in.conversation;

import io.parley.conversation.api.Escalation.EscalationResult;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.Escalated;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The conversation module's port: the chat turn's escalation, answered in the conversation API's terms. */
@ExtendWith(MockitoExtension.class)
class EscalationAdapterTest {

    @Mock
    EscalateConversationUseCase escalation;

    @Test
    void the_result_names_the_ticket_and_its_handoff() {
        UUID conversation = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Ticket ticket = Ticket.open(UUID.randomUUID(), new TicketNumber(1042), conversation, null, Priority.NORMAL, null, Map.of(),
                Ticket.Move.by("guest", null, now, UUID.randomUUID())).ticket()
                .moveTo(TicketStatus.PENDING_HUMAN_ASSIGNMENT, Ticket.Move.by("guest", "low confidence", now, UUID.randomUUID())).ticket();
        Handoff handoff = Handoff.queue(UUID.randomUUID(), ticket.id(), conversation, HelpdeskKind.FRESHDESK, "low confidence", now);
        when(escalation.escalate(any())).thenReturn(new Escalated(ticket, Optional.of(handoff), EscalateConversationUseCase.Outcome.ESCALATED));

        EscalationResult result = new EscalationAdapter(escalation).escalate(conversation, Caller.guest("s"), "low confidence");

        assertEquals(new EscalationResult(ticket.id(), "T-1042", "PENDING_HUMAN_ASSIGNMENT", "freshdesk", "pending", "low confidence", true), result);
        ArgumentCaptor<EscalateCommand> command = ArgumentCaptor.forClass(EscalateCommand.class);
        verify(escalation).escalate(command.capture());
        assertEquals(ConversationLookup.byId(conversation), command.getValue().conversation());
        assertEquals(Caller.guest("s"), command.getValue().caller());
    }

    @Test
    void the_assistants_reason_is_fitted_rather_than_refused() {
        assertEquals(EscalationAdapter.DEFAULT_REASON, EscalationAdapter.fitted(null));
        assertEquals(EscalationAdapter.DEFAULT_REASON, EscalationAdapter.fitted("  "));
        assertEquals(EscalationAdapter.DEFAULT_REASON, EscalationAdapter.fitted("bad\u0000text"));
        String fitted = EscalationAdapter.fitted("word ".repeat(400));
        assertTrue(fitted.length() <= Ticket.MAX_REASON && fitted.endsWith("…"), fitted);
        assertEquals("low confidence", EscalationAdapter.fitted("low confidence"));
    }
}
