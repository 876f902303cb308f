package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.conversation.application.port.out.FindStartedConversationPort;
import io.parley.conversation.application.port.out.ListConversationsPort;
import io.parley.conversation.application.port.out.LoadConversationPort;
import io.parley.conversation.domain.Channel;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.conversation.domain.ConversationStatus;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.parley.kernel.JdbcColumns.instant;
import static io.parley.kernel.JdbcColumns.setInstant;

/**
 * Reads conversations with plain SQL over the transaction-aware connection. Every read is scoped
 * to what the caller could see ({@link ConversationScope}), so isolation holds in the query too.
 */
@Singleton
@Connectable
class ConversationReadAdapter implements LoadConversationPort, ListConversationsPort, FindStartedConversationPort {

    private static final String CONVERSATION_COLUMNS = """
            c.id, c.session_id, c.user_id, c.channel, c.locale, c.status, c.summary,
            c.metadata::text AS metadata, c.last_seq, c.started_at, c.updated_at, c.ended_at
            """;
    private static final String SELECT_CONVERSATION = "SELECT u.external_id, " + CONVERSATION_COLUMNS + """
              FROM conversation.conversations c
              LEFT JOIN conversation.users u ON u.id = c.user_id
            """;
    private static final String IN_SCOPE = " AND (? OR u.external_id = ? OR (c.user_id IS NULL AND c.session_id = ?))";

    static final String BY_ID_SQL = SELECT_CONVERSATION + " WHERE c.id = ?" + IN_SCOPE;
    static final String BY_SESSION_SQL = SELECT_CONVERSATION + " WHERE c.session_id = ?" + IN_SCOPE;

    /** Queues concurrent first turns of one owner with one key (released at commit or rollback). */
    static final String FIRST_TURN_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    /**
     * The owner's conversation whose first message carries the key: {@code updated_at >= started_at >= since}
     * bounds the walk of {@code conversations_user_updated_idx} to the window; each candidate is one probe
     * of the (conversation_id, idempotency_key) unique index.
     */
    static final String STARTED_BY_KEY_SQL = "SELECT CAST(? AS text) AS external_id, " + CONVERSATION_COLUMNS + """
              FROM conversation.conversations c
              JOIN conversation.messages m ON m.conversation_id = c.id AND m.idempotency_key = ? AND m.seq = 1
             WHERE c.user_id = (SELECT id FROM conversation.users WHERE external_id = ?)
               AND c.updated_at >= ? AND c.started_at >= ?
             ORDER BY c.started_at DESC, c.id DESC
             LIMIT 1
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ConversationReadAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Conversation> load(UUID conversationId, ConversationScope scope) {
        return jdbc.prepareStatement(BY_ID_SQL, statement -> {
            statement.setObject(1, conversationId);
            bindScope(statement, 2, scope);
            return single(statement);
        });
    }

    @Override
    public Optional<Conversation> loadBySession(String sessionId, ConversationScope scope) {
        return jdbc.prepareStatement(BY_SESSION_SQL, statement -> {
            statement.setString(1, sessionId);
            bindScope(statement, 2, scope);
            return single(statement);
        });
    }

    /**
     * "My conversations, newest updated first": the owner's id comes from a sub-select (and their
     * subject is the one asked for, no join per row), so the planner walks
     * {@code conversations_user[_status]_updated_idx} in order and stops after {@code limit} rows,
     * however many conversations the user has. The keyset continues strictly after the previous
     * page's last (updated_at, id).
     */
    static String listSql(boolean byStatus, boolean afterPosition) {
        return "SELECT CAST(? AS text) AS external_id, " + CONVERSATION_COLUMNS
                + " FROM conversation.conversations c"
                + " WHERE c.user_id = (SELECT id FROM conversation.users WHERE external_id = ?)"
                + (byStatus ? " AND c.status = ?" : "")
                + (afterPosition ? " AND (c.updated_at, c.id) < (?, ?)" : "")
                + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";
    }

    @Override
    public List<Conversation> listOwnedBy(String ownerSubject, ConversationStatus status, Instant afterUpdatedAt, UUID afterId,
                                          int limit) {
        boolean afterPosition = afterUpdatedAt != null && afterId != null;
        return jdbc.prepareStatement(listSql(status != null, afterPosition), statement -> {
            int index = 1;
            statement.setString(index++, ownerSubject);
            statement.setString(index++, ownerSubject);
            if (status != null) {
                statement.setString(index++, status.wireValue());
            }
            if (afterPosition) {
                setInstant(statement, index++, afterUpdatedAt);
                statement.setObject(index++, afterId);
            }
            statement.setInt(index, limit);
            List<Conversation> conversations = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    conversations.add(conversation(rows));
                }
            }
            return conversations;
        });
    }

    @Override
    public Optional<Conversation> lockAndFind(String ownerSubject, String idempotencyKey, Instant since) {
        jdbc.prepareStatement(FIRST_TURN_LOCK_SQL, statement -> {
            statement.setString(1, "chat-first-turn " + idempotencyKey + " " + ownerSubject);
            return statement.execute();
        });
        return jdbc.prepareStatement(STARTED_BY_KEY_SQL, statement -> {
            statement.setString(1, ownerSubject);
            statement.setString(2, idempotencyKey);
            statement.setString(3, ownerSubject);
            setInstant(statement, 4, since);
            setInstant(statement, 5, since);
            return single(statement);
        });
    }

    private static void bindScope(PreparedStatement statement, int first, ConversationScope scope) throws SQLException {
        statement.setBoolean(first, scope.any());
        statement.setString(first + 1, scope.ownerSubject());
        statement.setString(first + 2, scope.guestSession());
    }

    private Optional<Conversation> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(conversation(rows)) : Optional.empty();
        }
    }

    Conversation conversation(ResultSet rows) throws SQLException {
        return new Conversation(
                rows.getObject("id", UUID.class),
                rows.getString("session_id"),
                rows.getObject("user_id", UUID.class),
                rows.getString("external_id"),
                Channel.fromWire(rows.getString("channel")).orElseThrow(),
                rows.getString("locale"),
                ConversationStatus.fromWire(rows.getString("status")).orElseThrow(),
                rows.getString("summary"),
                JdbcColumns.object(rows.getString("metadata"), json::readValue),
                rows.getLong("last_seq"),
                instant(rows, "started_at"),
                instant(rows, "updated_at"),
                instant(rows, "ended_at"));
    }
}
