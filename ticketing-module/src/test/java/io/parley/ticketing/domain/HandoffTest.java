package io.parley.ticketing.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox row's life: queued, delivered, retried with backoff, given up, failed for good. */
class HandoffTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1));

    @Test
    void a_new_handoff_is_pending_and_due_at_once() {
        Handoff handoff = queued();
        assertEquals(DeliveryState.AWAITING_DELIVERY, handoff.delivery());
        assertEquals(NOW, handoff.nextAttemptAt());
        assertEquals(0, handoff.attempts());
    }

    @Test
    void a_delivery_records_the_external_id_and_clears_the_schedule_and_error() {
        Handoff failedOnce = attempt(queued(), 1).after(new DeliveryOutcome.Retryable("zendesk answered HTTP 503", null), POLICY, NOW);
        Handoff delivered = attempt(failedOnce, 2).after(new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED, "35436"), POLICY, NOW);

        assertEquals(DeliveryState.HELPDESK_ACCEPTED, delivered.delivery());
        assertEquals("35436", delivered.externalTicketId());
        assertNull(delivered.nextAttemptAt());
        assertNull(delivered.lastError());
        assertEquals(2, delivered.attempts());
        assertEquals(NOW, delivered.updatedAt());
    }

    @Test
    void a_retryable_failure_waits_for_the_backoff_of_that_attempt() {
        Handoff retry = attempt(queued(), 2).after(new DeliveryOutcome.Retryable("boom", null), POLICY, NOW);
        assertEquals(DeliveryState.AWAITING_DELIVERY, retry.delivery());
        assertEquals(NOW.plusSeconds(60), retry.nextAttemptAt());
        assertEquals("boom", retry.lastError());
    }

    @Test
    void the_last_allowed_attempt_failing_gives_up() {
        Handoff failed = attempt(queued(), 3).after(new DeliveryOutcome.Retryable("zendesk answered HTTP 502", null), POLICY, NOW);
        assertEquals(DeliveryState.GAVE_UP, failed.delivery());
        assertNull(failed.nextAttemptAt());
        assertEquals("gave up after 3 attempts: zendesk answered HTTP 502", failed.lastError());
    }

    @Test
    void a_permanent_failure_fails_at_once() {
        Handoff failed = attempt(queued(), 1).after(new DeliveryOutcome.Permanent("rejected with HTTP 422"), POLICY, NOW);
        assertEquals(DeliveryState.GAVE_UP, failed.delivery());
        assertEquals("rejected with HTTP 422", failed.lastError());
    }

    @Test
    void the_last_error_is_one_bounded_line() {
        Handoff failed = attempt(queued(), 1).after(new DeliveryOutcome.Permanent("line one\nline two\u0000" + "x".repeat(3000)), POLICY, NOW);
        assertFalse(failed.lastError().contains("\n"));
        assertFalse(failed.lastError().contains("\u0000"));
        assertEquals(Handoff.MAX_ERROR, failed.lastError().length());
        assertTrue(failed.lastError().endsWith("…"));
    }

    @Test
    void a_pending_handoff_is_always_scheduled() {
        assertThrows(IllegalArgumentException.class, () -> new Handoff(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                HelpdeskKind.EMAIL, DeliveryState.AWAITING_DELIVERY, null, null, 0, null, null, NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOutcome.Delivered(DeliveryState.GAVE_UP, null));
    }

    static Handoff queued() {
        return Handoff.queue(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), HelpdeskKind.ZENDESK, "help", NOW);
    }

    /** As the dispatcher's claim leaves it: counted and leased. */
    static Handoff attempt(Handoff handoff, int number) {
        return new Handoff(handoff.id(), handoff.ticketId(), handoff.conversationId(), handoff.provider(), DeliveryState.AWAITING_DELIVERY,
                handoff.reason(), handoff.externalTicketId(), number, NOW.plusSeconds(120), handoff.lastError(), handoff.createdAt(), NOW);
    }
}
