package io.parley.knowledge;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The knowledge queries, read from the same resources the adapter runs, are served by their indexes:
 * search and passages by the GIN index on the generated tsvector, the list by the created_at index.
 * 5,000 documents are inserted and analysed inside a transaction that is rolled back, so the
 * planner chooses the index on its own (no enable_seqscan tricks) and no other test sees the rows.
 * Both the custom plan (first executions) and the generic plan (what a long-lived prepared statement
 * settles on) are checked.
 */
@MicronautTest
class KnowledgeQueryPlanTest implements PostgresBacked {

    private Connection connection;

    @BeforeEach
    void manyDocuments() throws SQLException {
        connection = TestDatabase.connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO conversation.knowledge_documents (id, title, content, tags, created_at, updated_at)
                    SELECT gen_random_uuid(), 'Generated article ' || g,
                           'Filler text about topic ' || g || ' and the usual words: order, account, delivery.'
                             || CASE WHEN g % 1000 = 0 THEN E'\\n\\nZanzibar shipping is special.' ELSE '' END,
                           ARRAY['generated.topic'], now() - g * interval '1 second', now()
                      FROM generate_series(1, 5000) g
                    """);
            statement.execute("ANALYZE conversation.knowledge_documents");
        }
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void search_reads_the_gin_index() throws SQLException {
        for (String mode : new String[]{"auto", "force_generic_plan"}) {
            String plan = explain("search-documents", mode, "english", "zanzibar", 10);
            assertTrue(plan.contains("Bitmap Index Scan on knowledge_documents_search_idx"), mode + "\n" + plan);
            assertFalse(plan.contains("Seq Scan on knowledge_documents"), mode + "\n" + plan);
        }
    }

    @Test
    void passages_read_the_gin_index() throws SQLException {
        for (String mode : new String[]{"auto", "force_generic_plan"}) {
            String plan = explain("find-passages", mode, "english", "Is Zanzibar special?", 3);
            assertTrue(plan.contains("Bitmap Index Scan on knowledge_documents_search_idx"), mode + "\n" + plan);
            assertFalse(plan.contains("Seq Scan on knowledge_documents"), mode + "\n" + plan);
        }
    }

    @Test
    void the_list_walks_the_created_at_index_without_sorting() throws SQLException {
        for (String mode : new String[]{"auto", "force_generic_plan"}) {
            String first = explain("list-documents-first", mode, 51);
            assertTrue(first.contains("Index Scan using knowledge_documents_created_idx"), mode + "\n" + first);
            assertFalse(first.contains("Sort"), mode + "\n" + first);

            String after = explain("list-documents-after", mode, Timestamp.from(Instant.now().minusSeconds(2500)), UUID.randomUUID(), 51);
            assertTrue(after.contains("Index Scan using knowledge_documents_created_idx"), mode + "\n" + after);
            assertTrue(after.contains("Index Cond"), "the cursor is an index condition, not a filter\n" + after);
            assertFalse(after.contains("Sort"), mode + "\n" + after);
        }
    }

    private String explain(String query, String planCacheMode, Object... parameters) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
        }
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql(query))) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static String sql(String name) {
        try (InputStream in = KnowledgeQueryPlanTest.class.getClassLoader().getResourceAsStream("knowledge/sql/" + name + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
