package io.parley.ticketing.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.parley.ticketing.domain.TicketStatus.ACTIVE_HUMAN_CHAT;
import static io.parley.ticketing.domain.TicketStatus.CLOSED_BY_CLIENT;
import static io.parley.ticketing.domain.TicketStatus.CLOSED_RESOLVED;
import static io.parley.ticketing.domain.TicketStatus.OPEN_AI_HANDLING;
import static io.parley.ticketing.domain.TicketStatus.PENDING_HUMAN_ASSIGNMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md's list of allowed moves, against all 25 pairs. */
class TicketStatusTest {

    static final Set<String> ALLOWED = Set.of(
            "OPEN_AI_HANDLING>PENDING_HUMAN_ASSIGNMENT",
            "PENDING_HUMAN_ASSIGNMENT>ACTIVE_HUMAN_CHAT",
            "ACTIVE_HUMAN_CHAT>PENDING_HUMAN_ASSIGNMENT",
            "OPEN_AI_HANDLING>CLOSED_RESOLVED",
            "ACTIVE_HUMAN_CHAT>CLOSED_RESOLVED",
            "OPEN_AI_HANDLING>CLOSED_BY_CLIENT",
            "PENDING_HUMAN_ASSIGNMENT>CLOSED_BY_CLIENT",
            "ACTIVE_HUMAN_CHAT>CLOSED_BY_CLIENT");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(TicketStatus.values()).flatMap(from -> Arrays.stream(TicketStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void a_move_is_allowed_exactly_when_API_md_lists_it(TicketStatus from, TicketStatus to) {
        assertEquals(ALLOWED.contains(from + ">" + to), from.canMoveTo(to));
        assertEquals(from.canMoveTo(to), from.allowedMoves().contains(to));
    }

    @Test
    void closed_is_final() {
        assertTrue(CLOSED_RESOLVED.allowedMoves().isEmpty());
        assertTrue(CLOSED_BY_CLIENT.allowedMoves().isEmpty());
        assertTrue(CLOSED_RESOLVED.isClosed());
        assertTrue(CLOSED_BY_CLIENT.isClosed());
        for (TicketStatus open : Set.of(OPEN_AI_HANDLING, PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT)) {
            assertFalse(open.isClosed());
            assertTrue(open.canMoveTo(CLOSED_BY_CLIENT), "any open status may be closed by the client");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void the_only_move_out_of_a_closed_status_is_the_reopen_into_the_queue(TicketStatus from, TicketStatus to) {
        boolean reopen = (from == CLOSED_RESOLVED || from == CLOSED_BY_CLIENT) && to == PENDING_HUMAN_ASSIGNMENT;
        Optional<TicketStatus.MoveKind> expected = ALLOWED.contains(from + ">" + to) ? Optional.of(TicketStatus.MoveKind.ORDINARY)
                : reopen ? Optional.of(TicketStatus.MoveKind.REOPEN) : Optional.empty();

        assertEquals(expected, from.moveKindTo(to));
        assertEquals(reopen, from.reopensTo().filter(to::equals).isPresent());
        if (reopen) {
            assertFalse(from.canMoveTo(to), "a reopen is not an ordinary move: the transitions route still refuses it");
        }
    }

    @Test
    void only_a_closed_status_reopens() {
        assertEquals(Optional.of(PENDING_HUMAN_ASSIGNMENT), CLOSED_RESOLVED.reopensTo());
        assertEquals(Optional.of(PENDING_HUMAN_ASSIGNMENT), CLOSED_BY_CLIENT.reopensTo());
        for (TicketStatus open : Set.of(OPEN_AI_HANDLING, PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT)) {
            assertEquals(Optional.empty(), open.reopensTo());
        }
    }

    @Test
    void people_hold_the_conversation_while_the_ticket_waits_for_or_is_with_a_person() {
        for (TicketStatus status : TicketStatus.values()) {
            assertEquals(status == PENDING_HUMAN_ASSIGNMENT || status == ACTIVE_HUMAN_CHAT, status.isWithPeople(), status::name);
        }
    }

    @Test
    void the_wire_value_is_the_exact_name() {
        for (TicketStatus status : TicketStatus.values()) {
            assertEquals(Optional.of(status), TicketStatus.fromWire(status.wireValue()));
        }
        assertEquals(Optional.empty(), TicketStatus.fromWire("active_human_chat"));
        assertEquals(Optional.empty(), TicketStatus.fromWire(null));
        assertEquals(Optional.empty(), TicketStatus.fromWire("CLOSED"));
    }
}
