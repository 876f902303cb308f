package io.parley.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Ordered by the index the policy uses": the batch statements of the retention adapters walk the
 * partial and created_at indexes made for them, in index order (no sort, no scan of the table), with the plan
 * the JDBC driver ends up with for a prepared statement (generic). The statements are the adapters' own.
 * Traces and the request log are partitioned since issue 18 and go by partition; their statements' plans are
 * tested with the tracing adapters (TracePartitionRetentionTest).
 */
@MicronautTest(transactional = false)
class RetentionQueryPlanTest implements PostgresBacked {

    Connection connection;

    @BeforeEach
    void transaction() throws SQLException {
        connection = TestDatabase.connect();
        connection.setAutoCommit(false);
        execute("SET LOCAL plan_cache_mode = force_generic_plan");
        // the tables of a test database are tiny; with sequential scans allowed the planner would rightly read them whole
        execute("SET LOCAL enable_seqscan = off");
    }

    @AfterEach
    void rollback() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void expired_conversations_are_walked_in_the_closed_ended_index_from_the_last_position() throws SQLException {
        String plan = plan("""
                PREPARE expired(timestamptz, timestamptz, uuid, int) AS
                SELECT id, ended_at FROM conversation.conversations WHERE status = 'closed' AND ended_at < $1
                   AND (ended_at, id) > ($2, $3) ORDER BY ended_at, id LIMIT $4 FOR UPDATE SKIP LOCKED
                """, "EXECUTE expired(now(), now() - interval '1 year', gen_random_uuid(), 1000)");

        assertTrue(plan.contains("Index Scan using conversations_closed_ended_idx"), plan);
        assertTrue(plan.contains("ROW(ended_at, id) > ROW($2, $3)"), "the keyset position is an index condition:\n" + plan);
        assertFalse(plan.contains("Sort"), plan);
    }

    @Test
    void idle_open_conversations_are_walked_in_the_open_updated_index_and_locked_once() throws SQLException {
        String plan = plan("""
                PREPARE idle(timestamptz, int, timestamptz) AS
                WITH idle AS MATERIALIZED (SELECT id FROM conversation.conversations WHERE status = 'open' AND updated_at < $1
                                            ORDER BY updated_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
                UPDATE conversation.conversations c SET status = 'closed', ended_at = GREATEST($3, c.started_at),
                       updated_at = GREATEST($3, c.updated_at)
                  FROM idle WHERE c.id = idle.id AND c.status = 'open' AND c.updated_at < $1
                """, "EXECUTE idle(now(), 1000, now())");

        assertTrue(plan.contains("CTE idle"), plan);
        assertTrue(plan.contains("Index Scan using conversations_open_updated_idx"), plan);
        assertTrue(plan.contains("CTE Scan on idle"), "the locking scan runs once, as a CTE:\n" + plan);
        assertFalse(plan.contains("SubPlan") || plan.contains("Semi Join"), "never again per updated row:\n" + plan);
        assertFalse(plan.contains("Sort"), plan);
    }

    @Test
    void an_archived_conversation_s_messages_are_found_through_an_index_on_their_conversation() throws SQLException {
        // 200 conversations of 100 messages, so the planner weighs a real table (rolled back after the test)
        execute("SET LOCAL enable_seqscan = on");
        execute("""
                INSERT INTO conversation.conversations (id, session_id)
                SELECT gen_random_uuid(), 'retention-plan-session-' || lpad(g::text, 6, '0') FROM generate_series(1, 200) g;
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                SELECT gen_random_uuid(), c.id, s, 'user', 'message ' || s
                  FROM conversation.conversations c CROSS JOIN generate_series(1, 100) s
                 WHERE c.session_id LIKE 'retention-plan-session-%';
                ANALYZE conversation.messages;
                """);
        String plan = plan("""
                PREPARE archived_messages(uuid) AS
                SELECT id, seq, role, content, intent, confidence, metadata::text AS metadata, redactions, created_at
                  FROM conversation.messages WHERE conversation_id = $1 ORDER BY seq
                """, "EXECUTE archived_messages(gen_random_uuid())");

        // whether PostgreSQL then walks (conversation_id, seq) or sorts the rows it found is its call: either way the
        // work is one conversation's messages, never the batch's
        assertTrue(plan.contains("Index Cond: (conversation_id = $1)"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    private String plan(String prepare, String execute) throws SQLException {
        execute(prepare);
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("EXPLAIN " + execute)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
