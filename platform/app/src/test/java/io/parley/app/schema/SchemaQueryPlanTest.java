package io.parley.app.schema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The indexes behind two hot queries are the ones PostgreSQL actually picks (EXPLAIN). */
class SchemaQueryPlanTest {

    private SchemaSession session;

    @BeforeEach
    void world() {
        session = SchemaSession.open();
        World.create(session);
    }

    @AfterEach
    void rollback() {
        session.close();
    }

    @Test
    void the_message_history_page_is_read_from_the_conversation_seq_index() {
        // 200 conversations of 100 messages: enough that a sequential scan is the planner's worse choice
        session.execute("""
                INSERT INTO conversation.conversations (id, session_id)
                SELECT gen_random_uuid(), 'session-for-the-plan-' || lpad(g::text, 6, '0') FROM generate_series(1, 200) g;
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                SELECT gen_random_uuid(), c.id, s, 'user', 'message ' || s
                  FROM conversation.conversations c CROSS JOIN generate_series(1, 100) s
                 WHERE c.session_id LIKE 'session-for-the-plan-%';
                ANALYZE conversation.messages;
                PREPARE history(uuid, bigint) AS
                    SELECT id, seq, role, content, intent, confidence, metadata, created_at
                      FROM conversation.messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT 50;
                """);
        Object longConversation = session.value("SELECT id FROM conversation.conversations WHERE session_id = 'session-for-the-plan-000001'");

        // the first page of a long conversation: walk the index in seq order and stop after 50 rows
        String firstPage = session.plan("EXECUTE history('" + longConversation + "', 0)");
        assertTrue(firstPage.contains("Index Scan using messages_conversation_seq_key on messages"), firstPage);
        assertFalse(firstPage.contains("Sort"), "the index order is the page order:\n" + firstPage);

        // the plan the JDBC driver settles on for a prepared statement, whatever the parameters
        session.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        String generic = session.plan("EXECUTE history(:c1, 0)");
        assertTrue(generic.contains("on messages_conversation_seq_key"), generic);
        assertTrue(generic.contains("Index Cond: ((conversation_id = $1) AND (seq > $2))"), generic);
        assertFalse(generic.contains("Seq Scan"), generic);
    }

    @Test
    void knowledge_search_uses_the_gin_index_on_the_generated_vector() {
        session.execute("SET LOCAL enable_seqscan = off");

        String plan = session.plan("""
                SELECT id, title FROM conversation.knowledge_documents
                 WHERE search_vector @@ websearch_to_tsquery('english', 'refund policy')
                """);

        assertTrue(plan.contains("Bitmap Index Scan on knowledge_documents_search_idx"), plan);
    }
}
