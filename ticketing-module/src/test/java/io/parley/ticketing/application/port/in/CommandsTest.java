package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Cursor;
import io.parley.kernel.FieldError;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Role;
import io.parley.kernel.RuleViolationException;
import io.parley.ticketing.application.port.in.ListTicketsUseCase.ListTicketsQuery;
import io.parley.ticketing.application.port.in.OpenTicketUseCase.OpenTicketCommand;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase.TransitionCommand;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase.UpdateTicketCommand;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The self-validating commands: garbage ids are 404, broken rules are 422 naming every field at once. */
class CommandsTest {

    static final Caller AGENT = Caller.authenticated("bob", Set.of(Role.AGENT), null, null);
    static final String ID = UUID.randomUUID().toString();

    @Test
    void a_transition_names_a_known_status_and_assigns_only_when_entering_the_chat() {
        TransitionCommand command = TransitionCommand.of(ID, AGENT, "ACTIVE_HUMAN_CHAT", " ", ID, 3L);
        assertEquals(TicketStatus.ACTIVE_HUMAN_CHAT, command.to());
        assertEquals(UUID.fromString(ID), command.assigneeId());
        assertNull(command.reason(), "a blank reason is no reason");
        assertEquals(3L, command.expectedVersion());

        assertEquals(List.of("to"), fields(() -> TransitionCommand.of(ID, AGENT, null, null, null, null)));
        assertEquals(List.of("to"), fields(() -> TransitionCommand.of(ID, AGENT, "closed", null, null, null)));
        assertEquals(List.of("assignee_id"), fields(() -> TransitionCommand.of(ID, AGENT, "CLOSED_RESOLVED", null, ID, null)));
        assertEquals(List.of("assignee_id", "reason", "version"),
                fields(() -> TransitionCommand.of(ID, AGENT, "ACTIVE_HUMAN_CHAT", "r".repeat(1001), "x", -1L)));
        assertThrows(NotFoundException.class, () -> TransitionCommand.of("nope", AGENT, "ACTIVE_HUMAN_CHAT", null, null, null));
    }

    @Test
    void an_update_needs_the_version_read_and_something_to_change() {
        UpdateTicketCommand command = UpdateTicketCommand.of(ID, AGENT, "high", null, null, 4L);
        assertEquals(Priority.HIGH, command.priority());
        assertEquals(4L, command.expectedVersion());
        assertEquals(List.of("version"), fields(() -> UpdateTicketCommand.of(ID, AGENT, "high", null, null, null)));
        assertEquals(List.of("body"), fields(() -> UpdateTicketCommand.of(ID, AGENT, null, null, null, 1L)));
        assertEquals(List.of("description", "metadata", "priority"),
                fields(() -> UpdateTicketCommand.of(ID, AGENT, "HIGH", "d".repeat(5001), Map.of("k\u0000", 1), 1L)));
        assertThrows(NotFoundException.class, () -> UpdateTicketCommand.of("", AGENT, "high", null, null, 1L));
    }

    @Test
    void opening_takes_optional_fields() {
        OpenTicketCommand command = OpenTicketCommand.of(ConversationLookup.byId(ID), AGENT, null, null, null);
        assertNull(command.priority());
        assertEquals(List.of("priority"), fields(() -> OpenTicketCommand.of(ConversationLookup.byId(ID), AGENT, null, "soon", null)));
    }

    @Test
    void a_list_query_reads_statuses_the_assignee_and_the_page() {
        ListTicketsQuery query = ListTicketsQuery.of(AGENT, "PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT", "me", "10", null);
        assertEquals(Set.of(TicketStatus.PENDING_HUMAN_ASSIGNMENT, TicketStatus.ACTIVE_HUMAN_CHAT), query.statuses());
        assertTrue(query.assignee().isCaller());
        assertEquals(10, query.limit());
        assertNull(query.after());
        assertEquals(50, ListTicketsQuery.of(AGENT, null, null, null, null).limit());
        assertEquals(UUID.fromString(ID), ListTicketsQuery.of(AGENT, "", ID, "", "").assignee().userId());

        assertEquals(List.of("assignee_id", "limit", "status"), fields(() -> ListTicketsQuery.of(AGENT, "NEW", "you", "0", null)));
        assertEquals(List.of("cursor"), fields(() -> ListTicketsQuery.of(AGENT, null, null, null, "bm90IGEgY3Vyc29y")));
        assertEquals(List.of("cursor"), fields(() -> ListTicketsQuery.of(AGENT, null, null, null, Cursor.of("yesterday", ID).encode())));
        assertEquals(List.of("cursor"), fields(() -> ListTicketsQuery.of(AGENT, null, null, null, Cursor.of("2026-11-23T10:00:00Z").encode())));
    }

    @Test
    void free_text_and_metadata_reach_the_use_cases_redacted() {
        String card = "4111 1111 1111 1111";
        assertEquals("card [REDACTED:CARD] declined",
                new EscalateConversationUseCase.EscalateCommand(ConversationLookup.byId(ID), AGENT, "card " + card + " declined").reason());
        assertEquals("[REDACTED:CARD]", TransitionCommand.of(ID, AGENT, "CLOSED_RESOLVED", card, null, null).reason());
        UpdateTicketCommand update = UpdateTicketCommand.of(ID, AGENT, null, "paid with " + card, Map.of("note", card), 1L);
        assertEquals("paid with [REDACTED:CARD]", update.description());
        assertEquals(Map.of("note", "[REDACTED:CARD]"), update.metadata());
        OpenTicketCommand open = OpenTicketCommand.of(ConversationLookup.byId(ID), AGENT, card, null, Map.of("cards", List.of(card)));
        assertEquals("[REDACTED:CARD]", open.description());
        assertEquals(Map.of("cards", List.of("[REDACTED:CARD]")), open.metadata());
    }

    @Test
    void redaction_never_makes_a_text_longer_than_its_limit() {
        String reason = "x".repeat(990) + " password: hunter2";
        String redacted = new EscalateConversationUseCase.EscalateCommand(ConversationLookup.byId(ID), AGENT, reason.substring(reason.length() - 1000)).reason();
        assertTrue(redacted.codePointCount(0, redacted.length()) <= 1000, redacted);
        assertTrue(!redacted.contains("hunter2"), redacted);
    }

    @Test
    void a_session_reference_that_cannot_be_a_session_names_nothing() {
        assertEquals("abc_DEF-123abc_DEF-1234", ConversationLookup.bySession("abc_DEF-123abc_DEF-1234").sessionId());
        assertThrows(NotFoundException.class, () -> ConversationLookup.bySession("abc_DEF-123"), "shorter than any issued session id");
        assertThrows(NotFoundException.class, () -> ConversationLookup.bySession(""));
        assertThrows(NotFoundException.class, () -> ConversationLookup.bySession("with space"));
        assertThrows(NotFoundException.class, () -> ConversationLookup.bySession("x".repeat(129)));
        assertThrows(NotFoundException.class, () -> ConversationLookup.byId("12"));
        assertThrows(IllegalArgumentException.class, () -> new ConversationLookup(UUID.randomUUID(), "both"));
    }

    @Test
    void metadata_is_bounded_in_size_and_depth_and_holds_storable_text() {
        assertEquals(List.of(), check(Map.of("a", List.of(1, true, Map.of("b", "c")))));
        assertEquals(List.of("metadata"), check(Map.of("big", "x".repeat(MetadataRules.MAX_BYTES))));
        assertEquals(List.of("metadata"), check(Map.of("nul", List.of("a\u0000"))));
        Map<String, Object> deep = Map.of();
        for (int i = 0; i < MetadataRules.MAX_DEPTH + 1; i++) {
            deep = Map.of("d", deep);
        }
        assertEquals(List.of("metadata"), check(deep));
    }

    private static List<String> check(Map<String, Object> metadata) {
        var validation = io.parley.kernel.Validation.check();
        MetadataRules.check(validation, "metadata", metadata);
        try {
            validation.throwIfInvalid();
            return List.of();
        } catch (RuleViolationException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    private static List<String> fields(Executable executable) {
        RuleViolationException violation = assertThrows(RuleViolationException.class, executable);
        return violation.errors().stream().map(FieldError::field).distinct().sorted().toList();
    }
}
