package io.parley.knowledge.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort;
import io.parley.knowledge.application.port.out.SearchKnowledgePort;
import io.parley.knowledge.application.port.out.StoreKnowledgeDocumentPort;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.knowledge.api.KnowledgePassage;
import io.parley.knowledge.domain.KnowledgeSearchHit;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The knowledge base in {@code conversation.knowledge_documents}. The read queries live in
 * {@code classpath:knowledge/sql/*.sql} so that the query-plan tests EXPLAIN exactly what runs.
 */
@Singleton
class KnowledgeDocumentAdapter implements StoreKnowledgeDocumentPort, LoadKnowledgeDocumentPort, SearchKnowledgePort {

    private static final String COLUMNS = """
            id, title, content, source_url, tags, metadata::text AS metadata, language::text AS language, created_at, updated_at
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final String searchDocuments = sql("search-documents");
    private final String findPassages = sql("find-passages");
    private final String listFirst = sql("list-documents-first");
    private final String listAfter = sql("list-documents-after");

    KnowledgeDocumentAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void insert(KnowledgeDocument d) {
        jdbc.prepareStatement("""
                INSERT INTO conversation.knowledge_documents
                       (id, title, content, source_url, tags, metadata, language, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS regconfig), ?, ?)
                """, statement -> {
            statement.setObject(1, d.id());
            bindContents(statement, 2, d);
            statement.setTimestamp(8, Timestamp.from(d.createdAt()));
            statement.setTimestamp(9, Timestamp.from(d.updatedAt()));
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean update(KnowledgeDocument d) {
        return jdbc.prepareStatement("""
                UPDATE conversation.knowledge_documents
                   SET title = ?, content = ?, source_url = ?, tags = ?, metadata = CAST(? AS jsonb),
                       language = CAST(? AS regconfig), updated_at = ?
                 WHERE id = ?
                """, statement -> {
            bindContents(statement, 1, d);
            statement.setTimestamp(7, Timestamp.from(d.updatedAt()));
            statement.setObject(8, d.id());
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public boolean delete(UUID documentId) {
        return jdbc.prepareStatement("DELETE FROM conversation.knowledge_documents WHERE id = ?", statement -> {
            statement.setObject(1, documentId);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<KnowledgeDocument> find(UUID documentId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM conversation.knowledge_documents WHERE id = ?", statement -> {
            statement.setObject(1, documentId);
            List<KnowledgeDocument> found = documents(statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public List<KnowledgeDocument> listNewestFirst(Position after, int limit) {
        if (after == null) {
            return jdbc.prepareStatement(listFirst, statement -> {
                statement.setInt(1, limit);
                return documents(statement);
            });
        }
        return jdbc.prepareStatement(listAfter, statement -> {
            statement.setTimestamp(1, Timestamp.from(after.createdAt()));
            statement.setObject(2, after.id());
            statement.setInt(3, limit);
            return documents(statement);
        });
    }

    @Override
    public List<KnowledgeSearchHit> search(String text, KnowledgeLanguage language, int limit) {
        return jdbc.prepareStatement(searchDocuments, statement -> {
            statement.setString(1, language.configName());
            statement.setString(2, text);
            statement.setInt(3, limit);
            List<KnowledgeSearchHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(new KnowledgeSearchHit(rows.getObject("id", UUID.class), rows.getString("title"),
                            rows.getString("snippet").strip().replaceAll("\\s+", " "), rows.getDouble("score")));
                }
            }
            return hits;
        });
    }

    @Override
    public List<KnowledgePassage> findPassages(String text, KnowledgeLanguage language, int limit) {
        return jdbc.prepareStatement(findPassages, statement -> {
            statement.setString(1, language.configName());
            statement.setString(2, text);
            statement.setInt(3, limit);
            List<KnowledgePassage> passages = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    passages.add(new KnowledgePassage(rows.getObject("id", UUID.class), rows.getString("title"),
                            tags(rows.getArray("tags")), rows.getDouble("score"), rows.getString("paragraph")));
                }
            }
            return passages;
        });
    }

    private void bindContents(PreparedStatement statement, int first, KnowledgeDocument d) throws SQLException {
        statement.setString(first, d.title());
        statement.setString(first + 1, d.content());
        statement.setString(first + 2, d.sourceUrl());
        statement.setArray(first + 3, statement.getConnection().createArrayOf("text", d.tags().toArray()));
        statement.setString(first + 4, JdbcColumns.json(d.metadata(), json::writeValueAsString));
        statement.setString(first + 5, d.language().configName());
    }

    private List<KnowledgeDocument> documents(PreparedStatement statement) throws SQLException {
        List<KnowledgeDocument> documents = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                documents.add(new KnowledgeDocument(
                        rows.getObject("id", UUID.class),
                        rows.getString("title"),
                        rows.getString("content"),
                        rows.getString("source_url"),
                        tags(rows.getArray("tags")),
                        JdbcColumns.object(rows.getString("metadata"), json::readValue),
                        // the column is written only through KnowledgeLanguage; a hand-edited row still reads
                        KnowledgeLanguage.fromConfigName(rows.getString("language")).orElse(KnowledgeLanguage.SIMPLE),
                        rows.getTimestamp("created_at").toInstant(),
                        rows.getTimestamp("updated_at").toInstant()));
            }
        }
        return documents;
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }


    private static String sql(String name) {
        String resource = "knowledge/sql/" + name + ".sql";
        try (InputStream in = KnowledgeDocumentAdapter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
