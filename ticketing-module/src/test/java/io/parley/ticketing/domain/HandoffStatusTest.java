package io.parley.ticketing.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.parley.ticketing.domain.DeliveryState.AWAITING_DELIVERY;
import static io.parley.ticketing.domain.DeliveryState.GAVE_UP;
import static io.parley.ticketing.domain.DeliveryState.HELPDESK_ACCEPTED;
import static io.parley.ticketing.domain.DeliveryState.IN_PARLEY_QUEUE;
import static io.parley.ticketing.domain.DeliveryState.SETTLED;
import static io.parley.ticketing.domain.HandoffStatus.CREATED;
import static io.parley.ticketing.domain.HandoffStatus.FAILED;
import static io.parley.ticketing.domain.HandoffStatus.PENDING;
import static io.parley.ticketing.domain.HandoffStatus.RESOLVED;
import static io.parley.ticketing.domain.HandoffStatus.ROUTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The handoff status clients see, for every ticket status and every delivery state: pending (nobody
 * has it yet) → created (an external helpdesk took it) → routed (a person took it) → resolved (the
 * ticket closed), or failed (delivery gave up and nobody took it).
 */
class HandoffStatusTest {

    static Stream<Arguments> everyCombination() {
        List<DeliveryState> deliveries = new ArrayList<>(Arrays.asList(DeliveryState.values()));
        deliveries.add(null);
        return Arrays.stream(TicketStatus.values()).flatMap(ticket -> deliveries.stream().map(delivery -> Arguments.of(ticket, delivery)));
    }

    @ParameterizedTest(name = "ticket {0}, delivery {1}")
    @MethodSource("everyCombination")
    void the_ticket_decides_first_then_the_delivery(TicketStatus ticket, DeliveryState delivery) {
        HandoffStatus expected;
        if (ticket == TicketStatus.CLOSED_RESOLVED || ticket == TicketStatus.CLOSED_BY_CLIENT) {
            expected = RESOLVED;
        } else if (ticket == TicketStatus.ACTIVE_HUMAN_CHAT) {
            expected = ROUTED;
        } else if (delivery == HELPDESK_ACCEPTED) {
            expected = CREATED;
        } else if (delivery == GAVE_UP) {
            expected = FAILED;
        } else {
            expected = PENDING;
        }
        assertEquals(expected, HandoffStatus.of(ticket, delivery));
    }

    @Test
    void the_lifecycle_of_an_external_helpdesk() {
        assertEquals(PENDING, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, AWAITING_DELIVERY), "escalated, not yet delivered");
        assertEquals(CREATED, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, HELPDESK_ACCEPTED), "the helpdesk accepted it");
        assertEquals(ROUTED, HandoffStatus.of(TicketStatus.ACTIVE_HUMAN_CHAT, HELPDESK_ACCEPTED), "a person took it");
        assertEquals(RESOLVED, HandoffStatus.of(TicketStatus.CLOSED_RESOLVED, SETTLED), "the ticket closed");
        assertEquals(PENDING, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, AWAITING_DELIVERY), "reopened: pending again");
    }

    @Test
    void the_internal_queue_is_pending_until_a_person_takes_the_ticket() {
        assertEquals(PENDING, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, IN_PARLEY_QUEUE));
        assertEquals(ROUTED, HandoffStatus.of(TicketStatus.ACTIVE_HUMAN_CHAT, IN_PARLEY_QUEUE));
        assertEquals(PENDING, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, IN_PARLEY_QUEUE), "released by the agent: waiting again");
    }

    @Test
    void a_failed_delivery_shows_until_a_person_takes_or_closes_the_ticket() {
        assertEquals(FAILED, HandoffStatus.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, GAVE_UP));
        assertEquals(ROUTED, HandoffStatus.of(TicketStatus.ACTIVE_HUMAN_CHAT, GAVE_UP));
        assertEquals(RESOLVED, HandoffStatus.of(TicketStatus.CLOSED_BY_CLIENT, GAVE_UP));
    }

    @Test
    void a_closing_ticket_settles_every_delivery_but_a_failure() {
        assertEquals(List.of(AWAITING_DELIVERY, HELPDESK_ACCEPTED, IN_PARLEY_QUEUE),
                Arrays.stream(DeliveryState.values()).filter(DeliveryState::settlesWhenTicketCloses).toList());
    }
}
