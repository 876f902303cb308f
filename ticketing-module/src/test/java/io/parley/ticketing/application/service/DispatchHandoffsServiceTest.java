package io.parley.ticketing.application.service;

import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase.DispatchReport;
import io.parley.ticketing.application.port.out.HandoffDispatchSettings;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.LoadTranscriptPort;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.RetryPolicy;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.parley.ticketing.application.service.Fixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class DispatchHandoffsServiceTest {

    @Mock
    HandoffOutboxPort outbox;
    @Mock
    LoadTicketPort tickets;
    @Mock
    LoadTranscriptPort transcripts;
    @Mock
    HelpdeskProviders helpdesks;
    @Mock
    HelpdeskProvider zendesk;
    @Mock
    HandoffDispatchSettings settings;

    DispatchHandoffsService service;
    Ticket ticket;
    Handoff claimed;

    @BeforeEach
    void wire() {
        lenient().when(settings.batchSize()).thenReturn(20);
        lenient().when(settings.lease()).thenReturn(Duration.ofMinutes(2));
        lenient().when(settings.retryPolicy()).thenReturn(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1)));
        service = new DispatchHandoffsService(outbox, tickets, transcripts, helpdesks, settings, Fixture.clock());
        ticket = Fixture.ticket(java.util.UUID.randomUUID(), TicketStatus.PENDING_HUMAN_ASSIGNMENT);
        Handoff queued = Handoff.queue(java.util.UUID.randomUUID(), ticket.id(), ticket.conversationId(), HelpdeskKind.ZENDESK, "help", NOW);
        claimed = new Handoff(queued.id(), queued.ticketId(), queued.conversationId(), queued.provider(), DeliveryState.AWAITING_DELIVERY,
                queued.reason(), null, 1, NOW.plusSeconds(120), null, NOW, NOW);
    }

    private void due() {
        when(outbox.claimDue(NOW, 20, NOW.plus(Duration.ofMinutes(2)))).thenReturn(List.of(claimed));
    }

    private void deliverable(String transcript) {
        when(helpdesks.find(HelpdeskKind.ZENDESK)).thenReturn(Optional.of(zendesk));
        when(tickets.findById(ticket.id())).thenReturn(Optional.of(ticket));
        when(transcripts.plainText(ticket.conversationId())).thenReturn(Optional.of(transcript));
    }

    private Handoff recorded() {
        ArgumentCaptor<Handoff> after = ArgumentCaptor.forClass(Handoff.class);
        verify(outbox).recordAttempt(after.capture());
        return after.getValue();
    }

    @Test
    void nothing_due_is_nothing_done() {
        when(outbox.claimDue(NOW, 20, NOW.plus(Duration.ofMinutes(2)))).thenReturn(List.of());
        assertEquals(DispatchReport.NOTHING, service.dispatchDue());
        verify(outbox, never()).recordAttempt(any());
    }

    @Test
    void a_delivered_handoff_is_recorded_with_its_external_id() {
        due();
        deliverable("[t] user: hello");
        when(zendesk.deliver(any())).thenReturn(new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED, "77"));
        when(outbox.recordAttempt(any())).thenReturn(true);

        assertEquals(new DispatchReport(1, 1, 0, 0), service.dispatchDue());

        Handoff after = recorded();
        assertEquals(DeliveryState.HELPDESK_ACCEPTED, after.delivery());
        assertEquals("77", after.externalTicketId());
        ArgumentCaptor<HandoffRequest> request = ArgumentCaptor.forClass(HandoffRequest.class);
        verify(zendesk).deliver(request.capture());
        assertEquals(claimed.id(), request.getValue().handoffId());
        assertEquals(ticket.number(), request.getValue().ticketNumber());
        assertEquals("[t] user: hello", request.getValue().transcript());
        assertEquals("help", request.getValue().reason());
    }

    @Test
    void a_retryable_failure_is_scheduled_by_the_policy() {
        due();
        deliverable("t");
        when(zendesk.deliver(any())).thenReturn(new DeliveryOutcome.Retryable("zendesk answered HTTP 503", null));

        assertEquals(new DispatchReport(1, 0, 1, 0), service.dispatchDue());

        Handoff after = recorded();
        assertEquals(DeliveryState.AWAITING_DELIVERY, after.delivery());
        assertEquals(NOW.plusSeconds(30), after.nextAttemptAt());
        assertEquals("zendesk answered HTTP 503", after.lastError());
    }

    @Test
    void a_helpdesk_not_configured_here_is_retried_later() {
        due();
        when(helpdesks.find(HelpdeskKind.ZENDESK)).thenReturn(Optional.empty());
        service.dispatchDue();
        assertEquals("helpdesk zendesk is not configured on this instance", recorded().lastError());
    }

    @Test
    void an_unexpected_exception_keeps_only_its_type() {
        due();
        deliverable("t");
        when(zendesk.deliver(any())).thenThrow(new IllegalStateException("https://user:secret@helpdesk.example/api"));

        service.dispatchDue();

        Handoff after = recorded();
        assertEquals(DeliveryState.AWAITING_DELIVERY, after.delivery());
        assertEquals("unexpected error (IllegalStateException)", after.lastError());
        assertFalse(after.lastError().contains("secret"));
    }

    @Test
    void a_handoff_whose_conversation_is_gone_fails() {
        due();
        when(helpdesks.find(HelpdeskKind.ZENDESK)).thenReturn(Optional.of(zendesk));
        when(tickets.findById(ticket.id())).thenReturn(Optional.of(ticket));
        when(transcripts.plainText(ticket.conversationId())).thenReturn(Optional.empty());
        assertEquals(new DispatchReport(1, 0, 0, 1), service.dispatchDue());
        verify(zendesk, never()).deliver(any());
    }

    @Test
    void a_huge_transcript_is_cut_and_says_so() {
        String huge = "x".repeat(DispatchHandoffsService.MAX_TRANSCRIPT + 10);
        String bounded = DispatchHandoffsService.bounded(huge);
        assertTrue(bounded.startsWith("x".repeat(DispatchHandoffsService.MAX_TRANSCRIPT)));
        assertTrue(bounded.contains("10 more characters"), bounded.substring(DispatchHandoffsService.MAX_TRANSCRIPT));
        assertEquals("short", DispatchHandoffsService.bounded("short"));
    }
}
