package io.parley.ticketing.adapter.out.persistence;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md "an index for every query the API runs": the adapters' own statements, explained
 * on the migrated schema. Sequential scans are priced out so the planner shows which index it can
 * use even on the small tables of a test run.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class TicketingQueryPlanTest implements PostgresBacked {

    @Test
    void the_agent_queue_claims_through_the_queue_index() throws SQLException {
        assertUses(TicketSql.LOCK_NEXT_IN_QUEUE, "tickets_queue_idx");
    }

    @Test
    void tickets_are_found_by_id_and_by_conversation_through_their_keys() throws SQLException {
        assertUses(TicketSql.LOCK_BY_ID, "tickets_pkey", uuid());
        assertUses(TicketSql.LOCK_BY_CONVERSATION, "tickets_conversation_id_key", uuid());
        assertUses(TicketSql.EXISTS_FOR_CONVERSATION, "tickets_conversation_id_key", uuid());
    }

    @Test
    void every_listing_has_an_index_in_its_order() throws SQLException {
        assertUses(TicketSql.list(0, false, false), "tickets_opened_idx", 50);
        assertUses(TicketSql.list(0, false, true), "tickets_opened_idx", timestamp(), uuid(), 50);
        // not PENDING_HUMAN_ASSIGNMENT: for that status the partial queue index is a valid choice too, and which one the
        // planner takes depends on how many pending tickets other tests of the run left behind
        assertUses(TicketSql.list(1, false, true), "tickets_status_opened_idx", "CLOSED_RESOLVED", timestamp(), uuid(), 50);
        assertUses(TicketSql.list(0, true, true), "tickets_assignee_opened_idx", uuid(), timestamp(), uuid(), 50);
        // both filters: either index serves the order, the other column is filtered on the way
        assertUses(TicketSql.list(1, true, false), List.of("tickets_assignee_opened_idx", "tickets_status_opened_idx"),
                "ACTIVE_HUMAN_CHAT", uuid(), 50);
    }

    @Test
    void history_is_read_through_its_index_in_time_order() throws SQLException {
        assertUses(TicketSql.HISTORY, "ticket_events_ticket_at_idx", uuid());
    }

    @Test
    void the_outbox_is_claimed_through_the_due_index_and_handoffs_through_their_keys() throws SQLException {
        assertUses(HandoffSql.CLAIM_DUE, "handoffs_due_idx", timestamp(), 20, timestamp(), timestamp());
        assertUses(HandoffSql.BY_TICKET, "handoffs_ticket_id_key", uuid());
        assertUses(HandoffSql.BY_CONVERSATION, "handoffs_conversation_id_key", uuid());
        assertUses(HandoffSql.SETTLE_FOR_CLOSED_TICKET, "handoffs_ticket_id_key", timestamp(), uuid());
    }

    private static void assertUses(String sql, String index, Object... parameters) throws SQLException {
        assertUses(sql, List.of(index), parameters);
    }

    private static void assertUses(String sql, List<String> indexes, Object... parameters) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] instanceof Typed typed) {
                        explain.setObject(i + 1, typed.value(), typed.sqlType());
                    } else {
                        explain.setObject(i + 1, parameters[i]);
                    }
                }
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            connection.rollback();
        }
        String text = String.join("\n", plan);
        assertTrue(indexes.stream().anyMatch(text::contains), () -> "expected " + indexes + " in the plan of\n" + sql + "\n" + text);
        assertTrue(!text.contains("Seq Scan on tickets") && !text.contains("Seq Scan on handoffs") && !text.contains("Seq Scan on ticket_events"),
                () -> "sequential scan in the plan of\n" + sql + "\n" + text);
    }

    private static Object uuid() {
        return java.util.UUID.randomUUID();
    }

    private static Object timestamp() {
        return new Typed(java.time.OffsetDateTime.now(), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private record Typed(Object value, int sqlType) {
    }
}
