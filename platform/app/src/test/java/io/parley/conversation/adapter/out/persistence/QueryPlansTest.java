package io.parley.conversation.adapter.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.kernel.Ids;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md "an index for every query the API runs (checked with EXPLAIN)": the adapters' own
 * SQL, planned by PostgreSQL over realistic volumes. The history page is an index range scan on
 * (conversation_id, seq) that touches the same handful of pages at the start and at the end of a
 * 100,000-message conversation.
 */
@MicronautTest(startApplication = false, transactional = false)
class QueryPlansTest implements PostgresBacked {

    static final int MESSAGES = 100_000;

    @Inject
    JsonMapper json;
    UUID owner;
    String ownerSubject;
    UUID longConversation;
    String longConversationSession;

    @BeforeAll
    void volumes() throws SQLException {
        ownerSubject = "plans-" + UUID.randomUUID();
        owner = Ids.newId();
        longConversation = Ids.newId();
        longConversationSession = Ids.newSessionId();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO conversation.users (id, external_id) VALUES ('" + owner + "', '" + ownerSubject + "')");
            // the owner has 3,000 conversations, 500 other users 10 each
            statement.execute("""
                    INSERT INTO conversation.users (id, external_id)
                    SELECT gen_random_uuid(), 'plans-other-' || n || '-' || gen_random_uuid() FROM generate_series(1, 500) AS n
                    """);
            statement.execute("INSERT INTO conversation.conversations (id, user_id, session_id, status, ended_at, started_at, updated_at)"
                    + " SELECT gen_random_uuid(), '" + owner + "', 'plans-session-' || gen_random_uuid(),"
                    + " CASE WHEN n % 3 = 0 THEN 'closed' ELSE 'open' END, CASE WHEN n % 3 = 0 THEN now() END,"
                    + " now() - interval '1 day', now() - n * interval '1 second' FROM generate_series(1, 3000) AS n");
            statement.execute("""
                    INSERT INTO conversation.conversations (id, user_id, session_id)
                    SELECT gen_random_uuid(), u.id, 'plans-session-' || gen_random_uuid()
                      FROM conversation.users u, generate_series(1, 10) WHERE u.external_id LIKE 'plans-other-%'
                    """);
            // and 5,000 guest conversations
            statement.execute("""
                    INSERT INTO conversation.conversations (id, session_id)
                    SELECT gen_random_uuid(), 'plans-guest-session-' || lpad(n::text, 6, '0') FROM generate_series(1, 5000) AS n
                    """);
            statement.execute("INSERT INTO conversation.conversations (id, user_id, session_id, last_seq) VALUES ('" + longConversation
                    + "', '" + owner + "', '" + longConversationSession + "', " + MESSAGES + ")");
            statement.execute("INSERT INTO conversation.messages (id, conversation_id, seq, role, content)"
                    + " SELECT gen_random_uuid(), '" + longConversation + "', n, CASE WHEN n % 2 = 0 THEN 'assistant' ELSE 'user' END,"
                    + " 'message ' || n || ' ' || repeat('lorem ipsum ', 8) FROM generate_series(1, " + MESSAGES + ") AS n");
            // and 5,000 short conversations' messages around it
            statement.execute("""
                    INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                    SELECT gen_random_uuid(), c.id, s, 'user', 'hello'
                      FROM (SELECT id FROM conversation.conversations WHERE session_id LIKE 'plans-session-%' LIMIT 5000) c,
                           generate_series(1, 10) AS s
                    """);
            // feedback on 5,000 conversations, given over the last 50 days
            statement.execute("""
                    INSERT INTO conversation.feedback (id, conversation_id, rating, created_at, updated_at)
                    SELECT gen_random_uuid(), c.id, n % 6, now() - (n % 50) * interval '1 day', now() - (n % 50) * interval '1 day'
                      FROM (SELECT id, row_number() OVER () AS n FROM conversation.conversations
                             WHERE session_id LIKE 'plans-guest-session-%') c
                    """);
            statement.execute("ANALYZE conversation.feedback");
            statement.execute("ANALYZE conversation.users");
            statement.execute("ANALYZE conversation.conversations");
            statement.execute("ANALYZE conversation.messages");
        }
    }

    @Test
    void a_history_page_is_an_index_range_scan_that_costs_the_same_at_seq_10_and_at_seq_100000() throws SQLException {
        Map<String, Object> atStart = explainAnalyze(MessageAdapter.PAGE_SQL, longConversation, 0L, Long.MAX_VALUE, 51);
        Map<String, Object> atEnd = explainAnalyze(MessageAdapter.PAGE_SQL, longConversation, (long) MESSAGES - 50, Long.MAX_VALUE, 51);

        for (Map<String, Object> plan : List.of(atStart, atEnd)) {
            List<Map<String, Object>> nodes = nodes(plan);
            assertTrue(usesIndex(nodes, "messages_conversation_seq_key"), () -> "index range scan expected: " + plan);
            assertFalse(has(nodes, "Seq Scan") || has(nodes, "Sort") || has(nodes, "Bitmap Heap Scan"), () -> "no scan or sort: " + plan);
            assertEquals(0, removedByFilter(nodes), () -> "the index bounds the range, nothing is filtered away: " + plan);
            assertTrue(blocks(plan) <= 20, () -> "a page reads a handful of blocks, not the conversation: " + blocks(plan) + " " + plan);
        }
        assertEquals(50, ((Number) nodes(atEnd).get(0).get("Actual Rows")).intValue());
    }

    @Test
    void the_latest_page_newest_first_is_the_same_range_scan_backwards_at_the_end_and_at_the_start() throws SQLException {
        Map<String, Object> latest = explainAnalyze(MessageAdapter.PAGE_BACKWARDS_SQL, longConversation, Long.MAX_VALUE, 51);
        Map<String, Object> oldest = explainAnalyze(MessageAdapter.PAGE_BACKWARDS_SQL, longConversation, 51L, 51);

        for (Map<String, Object> plan : List.of(latest, oldest)) {
            List<Map<String, Object>> nodes = nodes(plan);
            assertTrue(usesIndex(nodes, "messages_conversation_seq_key"), () -> "index range scan expected: " + plan);
            assertTrue(nodes.stream().anyMatch(node -> "Backward".equals(node.get("Scan Direction"))), () -> "read backwards: " + plan);
            assertFalse(has(nodes, "Seq Scan") || has(nodes, "Sort") || has(nodes, "Bitmap Heap Scan"), () -> "no scan or sort: " + plan);
            assertEquals(0, removedByFilter(nodes), () -> "the index bounds the range, nothing is filtered away: " + plan);
            assertTrue(blocks(plan) <= 20, () -> "a page reads a handful of blocks, not the conversation: " + blocks(plan) + " " + plan);
        }
        assertEquals(51, ((Number) nodes(latest).get(0).get("Actual Rows")).intValue());
        assertEquals(50, ((Number) nodes(oldest).get(0).get("Actual Rows")).intValue());
    }

    @Test
    void a_transcript_batch_up_to_a_seq_is_the_same_range_scan() throws SQLException {
        List<Map<String, Object>> nodes = nodes(explainAnalyze(MessageAdapter.PAGE_SQL, longConversation, 50_000L, 60_000L, 500));
        assertTrue(usesIndex(nodes, "messages_conversation_seq_key"), nodes::toString);
        assertFalse(has(nodes, "Sort") || has(nodes, "Seq Scan"), nodes::toString);
    }

    @Test
    void my_conversations_newest_first_walk_the_owners_index_in_order_with_and_without_status_and_cursor() throws SQLException {
        Timestamp cursorTime = Timestamp.from(Instant.now().minusSeconds(1500));
        UUID cursorId = UUID.randomUUID();
        List<Map<String, Object>> plans = List.of(
                explainAnalyze(ConversationReadAdapter.listSql(false, false), ownerSubject, ownerSubject, 51),
                explainAnalyze(ConversationReadAdapter.listSql(false, true), ownerSubject, ownerSubject, cursorTime, cursorId, 51),
                explainAnalyze(ConversationReadAdapter.listSql(true, false), ownerSubject, ownerSubject, "closed", 51),
                explainAnalyze(ConversationReadAdapter.listSql(true, true), ownerSubject, ownerSubject, "open", cursorTime, cursorId, 51));
        for (int i = 0; i < plans.size(); i++) {
            List<Map<String, Object>> nodes = nodes(plans.get(i));
            String index = i < 2 ? "conversations_user_updated_idx" : "conversations_user_status_updated_idx";
            assertTrue(usesIndex(nodes, index), "plan " + i + " should use " + index + ": " + nodes);
            assertTrue(usesIndex(nodes, "users_external_id_key"), "the owner is found by the token's subject: " + nodes);
            assertFalse(has(nodes, "Sort") || has(nodes, "Seq Scan"), "plan " + i + ": " + nodes);
            assertTrue(blocks(plans.get(i)) <= 30, "plan " + i + " reads " + blocks(plans.get(i)) + " blocks");
        }
    }

    @Test
    void a_conversation_is_found_by_its_key_or_its_session() throws SQLException {
        assertTrue(usesIndex(nodes(explainAnalyze(ConversationReadAdapter.BY_ID_SQL, longConversation, false, ownerSubject, null)),
                "conversations_pkey"));
        String guestSession = "plans-guest-session-000042";
        List<Map<String, Object>> bySession = nodes(explainAnalyze(ConversationReadAdapter.BY_SESSION_SQL, guestSession, false, null,
                guestSession));
        assertTrue(usesIndex(bySession, "conversations_session_id_key"), bySession::toString);
        assertEquals(1, ((Number) bySession.get(0).get("Actual Rows")).intValue());
    }

    @Test
    void an_append_takes_the_conversation_by_its_key_and_a_replay_finds_the_key_by_index() throws SQLException {
        List<Map<String, Object>> append = nodes(explain(MessageAdapter.APPEND_SQL, Timestamp.from(Instant.now()), null, longConversation,
                UUID.randomUUID(), "user", "x", null, null, "{}", 0, "k", Timestamp.from(Instant.now())));
        assertTrue(usesIndex(append, "conversations_pkey"), append::toString);
        assertFalse(has(append, "Seq Scan"), append::toString);
        List<Map<String, Object>> replay = nodes(explainAnalyze(MessageAdapter.BY_IDEMPOTENCY_KEY_SQL, longConversation, "k"));
        assertTrue(usesIndex(replay, "messages_conversation_idempotency_key"), replay::toString);
    }

    @Test
    void a_retried_first_chat_turn_walks_the_owners_recent_conversations_and_probes_each_by_its_idempotency_key() throws SQLException {
        Timestamp since = Timestamp.from(Instant.now().minusSeconds(24 * 3600));
        List<Map<String, Object>> nodes = nodes(explainAnalyze(ConversationReadAdapter.STARTED_BY_KEY_SQL, ownerSubject, "first-turn",
                ownerSubject, since, since));
        assertTrue(usesIndex(nodes, "users_external_id_key"), nodes::toString);
        assertTrue(usesIndex(nodes, "conversations_user_updated_idx") || usesIndex(nodes, "conversations_user_status_updated_idx"),
                nodes::toString);
        assertTrue(usesIndex(nodes, "messages_conversation_idempotency_key"), nodes::toString);
        assertFalse(has(nodes, "Seq Scan"), nodes::toString);
    }

    @Test
    void feedback_statistics_read_one_range_of_the_updated_at_index() throws SQLException {
        Timestamp to = Timestamp.from(Instant.now().minusSeconds(20 * 86_400));
        Timestamp from = Timestamp.from(to.toInstant().minusSeconds(86_400));
        List<Map<String, Object>> nodes = nodes(explainAnalyze(FeedbackStatsAdapter.STATS_SQL, 4, from, to));
        assertTrue(usesIndex(nodes, "feedback_updated_idx"), nodes::toString);
        assertFalse(has(nodes, "Seq Scan"), nodes::toString);
    }

    Map<String, Object> explainAnalyze(String sql, Object... parameters) throws SQLException {
        return plan("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, parameters);
    }

    /** Without ANALYZE, so a write is planned but not run. */
    Map<String, Object> explain(String sql, Object... parameters) throws SQLException {
        return plan("EXPLAIN (FORMAT JSON) " + sql, parameters);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> plan(String explain, Object... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(explain)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                List<Map<String, Object>> document = json.readValue(rows.getString(1), Argument.listOf(Argument.mapOf(String.class, Object.class)));
                return (Map<String, Object>) document.get(0).get("Plan");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every node of the plan, the root first, init plans and sub plans included. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> nodes(Map<String, Object> root) {
        List<Map<String, Object>> all = new ArrayList<>();
        List<Map<String, Object>> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Map<String, Object> node = pending.remove(0);
            all.add(node);
            Object children = node.get("Plans");
            if (children instanceof List<?> list) {
                list.forEach(child -> pending.add((Map<String, Object>) child));
            }
        }
        return all;
    }

    static boolean has(List<Map<String, Object>> nodes, String type) {
        return nodes.stream().anyMatch(node -> type.equals(node.get("Node Type")));
    }

    static boolean usesIndex(List<Map<String, Object>> nodes, String index) {
        return nodes.stream().anyMatch(node -> index.equals(node.get("Index Name")));
    }

    static long removedByFilter(List<Map<String, Object>> nodes) {
        return nodes.stream().mapToLong(node -> node.get("Rows Removed by Filter") instanceof Number n ? n.longValue() : 0).sum();
    }

    static long blocks(Map<String, Object> root) {
        return ((Number) root.get("Shared Hit Blocks")).longValue() + ((Number) root.get("Shared Read Blocks")).longValue();
    }
}
