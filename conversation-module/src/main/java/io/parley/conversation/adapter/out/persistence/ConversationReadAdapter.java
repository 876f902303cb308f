package io.parley.conversation.adapter.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.application.port.out.LoadTranscriptPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationStatus;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads conversations and streams transcripts with plain SQL over the transaction-aware connection. */
@Singleton
class ConversationReadAdapter implements LoadConversationPort, LoadTranscriptPort {

    private static final String SELECT_CONVERSATION = """
            SELECT c.id, c.session_id, c.user_id, u.external_id, c.channel, c.locale, c.status, c.summary,
                   c.metadata::text AS metadata, c.last_seq, c.started_at, c.updated_at, c.ended_at
              FROM conversation.conversations c
              LEFT JOIN conversation.users u ON u.id = c.user_id
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ConversationReadAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Conversation> load(UUID conversationId) {
        return jdbc.prepareStatement(SELECT_CONVERSATION + " WHERE c.id = ?", statement -> {
            statement.setObject(1, conversationId);
            return single(statement);
        });
    }

    @Override
    public Optional<Conversation> loadBySession(String sessionId) {
        return jdbc.prepareStatement(SELECT_CONVERSATION + " WHERE c.session_id = ?", statement -> {
            statement.setString(1, sessionId);
            return single(statement);
        });
    }

    @Override
    public void forEachMessage(UUID conversationId, Consumer<TranscriptLine> consumer) {
        jdbc.prepareStatement("""
                SELECT seq, role, content, created_at FROM conversation.messages
                 WHERE conversation_id = ? ORDER BY seq
                """, statement -> {
            statement.setObject(1, conversationId);
            statement.setFetchSize(500);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(new LoadTranscriptPort.TranscriptLine(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant()));
                }
            }
            return null;
        });
    }

    private Optional<Conversation> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(conversation(rows)) : Optional.empty();
        }
    }

    private Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(
                rows.getObject("id", UUID.class),
                rows.getString("session_id"),
                rows.getObject("user_id", UUID.class),
                rows.getString("external_id"),
                Channel.fromWire(rows.getString("channel")).orElseThrow(),
                rows.getString("locale"),
                ConversationStatus.fromWire(rows.getString("status")).orElseThrow(),
                rows.getString("summary"),
                metadata(rows.getString("metadata")),
                rows.getLong("last_seq"),
                instant(rows.getTimestamp("started_at")),
                instant(rows.getTimestamp("updated_at")),
                instant(rows.getTimestamp("ended_at")));
    }

    private Map<String, Object> metadata(String raw) {
        try {
            return raw == null ? Map.of() : json.readValue(raw, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
