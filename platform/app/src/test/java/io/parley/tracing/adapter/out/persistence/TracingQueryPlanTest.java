package io.parley.tracing.adapter.out.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARCHITECTURE.md "an index for every query the API runs": the plans of the adapters' own SQL use
 * the tracing indexes. Sequential scans are priced out so that a near-empty table still shows which
 * index the query can use (a plan that could only scan the table would still show a Seq Scan).
 */
@MicronautTest // started for its Flyway migration; the plans are read over plain JDBC
class TracingQueryPlanTest implements PostgresBacked {

    static final UUID ID = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");

    private static String plan(String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object parameter = parameters[i];
                    if (parameter instanceof UUID[] ids) {
                        statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
                    } else {
                        statement.setObject(i + 1, parameter);
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void a_conversations_spans_are_read_through_the_conversation_index() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.BY_CONVERSATION, ID, 2001);

        assertTrue(plan.contains("agent_traces_conversation_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void a_messages_conversations_are_found_through_the_message_index() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.CONVERSATIONS_OF_MESSAGE, ID);

        assertTrue(plan.contains("agent_traces_message_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void a_messages_traces_are_read_through_the_message_and_trace_indexes() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.TRACES_OF_MESSAGE, ID, new UUID[]{ID}, 2001);

        assertTrue(plan.contains("agent_traces_message_idx"), plan);
        assertTrue(plan.contains("agent_traces_trace_idx") || plan.contains("agent_traces_conversation_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void one_endpoints_statistics_are_a_range_of_the_endpoint_index() throws SQLException {
        String plan = plan(ApiRequestStatsReader.ONE_ENDPOINT, "/api/v1/traces", OffsetDateTime.parse("2026-11-22T00:00:00Z"),
                OffsetDateTime.parse("2026-11-23T00:00:00Z"));

        assertTrue(plan.contains("api_requests_endpoint_created_idx"), plan);
        assertTrue(plan.contains("endpoint = ") && plan.contains("created_at >= "), "both bounds in the index condition:\n" + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void every_endpoints_statistics_are_one_range_of_the_time_index() throws SQLException {
        String plan = plan(ApiRequestStatsReader.EVERY_ENDPOINT, OffsetDateTime.parse("2026-11-22T00:00:00Z"),
                OffsetDateTime.parse("2026-11-23T00:00:00Z"));

        assertTrue(plan.contains("api_requests_created_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }
}
