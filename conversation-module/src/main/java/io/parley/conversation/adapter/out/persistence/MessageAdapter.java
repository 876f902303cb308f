package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.parley.conversation.application.port.out.AppendMessagePort;
import io.parley.conversation.application.port.out.LoadMessagesPort;
import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.parley.kernel.JdbcColumns.instant;
import static io.parley.kernel.JdbcColumns.setInstant;

/**
 * Appends and pages messages with plain SQL. The append must run inside the caller's transaction;
 * a page may also be read on its own connection (a transcript reads batch by batch while it streams).
 */
@Singleton
@Connectable
class MessageAdapter implements AppendMessagePort, LoadMessagesPort {

    private static final String MESSAGE_COLUMNS = """
            id, conversation_id, seq, role, content, intent, confidence, metadata::text AS metadata, redactions, created_at
            """;

    /**
     * One statement: the UPDATE takes the conversation's row lock and the next seq (so concurrent
     * appends queue up and never share or skip a seq), and the INSERT stores the message with it.
     * With an idempotency key already used, ON CONFLICT inserts nothing; the caller then undoes the
     * seq increment by rolling back to a savepoint. A closed conversation matches no row: nothing
     * is written at all.
     */
    static final String APPEND_SQL = """
            WITH next AS (
                UPDATE conversation.conversations
                   SET last_seq = last_seq + 1,
                       updated_at = GREATEST(updated_at, ?),
                       summary = COALESCE(summary, ?)
                 WHERE id = ? AND status = 'open'
             RETURNING id, last_seq)
            INSERT INTO conversation.messages
                   (id, conversation_id, seq, role, content, intent, confidence, metadata, redactions, idempotency_key, created_at)
            SELECT ?, next.id, next.last_seq, ?, ?, ?, ?, ?::jsonb, ?, ?, ? FROM next
            ON CONFLICT (conversation_id, idempotency_key) DO NOTHING
            RETURNING\s""" + MESSAGE_COLUMNS;

    static final String BY_IDEMPOTENCY_KEY_SQL = "SELECT " + MESSAGE_COLUMNS
            + " FROM conversation.messages WHERE conversation_id = ? AND idempotency_key = ?";

    /** A keyset range of the (conversation_id, seq) unique index: the same few pages touched at seq 10 or 100,000. */
    static final String PAGE_SQL = "SELECT " + MESSAGE_COLUMNS
            + " FROM conversation.messages WHERE conversation_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?";

    /** The same range read backwards (newest first): the latest page of a long conversation costs what the first does. */
    static final String PAGE_BACKWARDS_SQL = "SELECT " + MESSAGE_COLUMNS
            + " FROM conversation.messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final TransactionOperations<Connection> transactions;

    MessageAdapter(JdbcOperations jdbc, JsonMapper json, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
    }

    /**
     * Without an idempotency key: one statement, atomic alone (in the caller's transaction when there is one,
     * else its own). With a key: a transaction (the caller's, or a new one), because a repeated key must give
     * back the seq its statement took.
     */
    @Override
    public AppendOutcome append(NewMessage message) {
        if (message.idempotencyKey() == null) {
            return insert(message).<AppendOutcome>map(Appended::new).orElseGet(NotOpen::new);
        }
        return transactions.executeWrite(status -> appendOnce(message, status.getConnection()));
    }

    private AppendOutcome appendOnce(NewMessage message, Connection connection) {
        try {
            Savepoint beforeAppend = connection.setSavepoint();
            Optional<Message> inserted = insert(message);
            if (inserted.isPresent()) {
                connection.releaseSavepoint(beforeAppend);
                return new Appended(inserted.get());
            }
            connection.rollback(beforeAppend);
            return findByIdempotencyKey(message.conversationId(), message.idempotencyKey())
                    .<AppendOutcome>map(Replayed::new).orElseGet(NotOpen::new);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to conversation " + message.conversationId(), e);
        }
    }

    private Optional<Message> insert(NewMessage message) {
        return jdbc.prepareStatement(APPEND_SQL, statement -> {
            setInstant(statement, 1, message.createdAt());
            statement.setString(2, message.summaryIfNone());
            statement.setObject(3, message.conversationId());
            statement.setObject(4, message.id());
            statement.setString(5, message.role().wireValue());
            statement.setString(6, message.content());
            statement.setString(7, message.intent());
            if (message.confidence() == null) {
                statement.setNull(8, Types.DOUBLE);
            } else {
                statement.setDouble(8, message.confidence());
            }
            statement.setString(9, JdbcColumns.json(message.metadata(), json::writeValueAsString));
            statement.setInt(10, message.redactions());
            statement.setString(11, message.idempotencyKey());
            setInstant(statement, 12, message.createdAt());
            return single(statement);
        });
    }

    @Override
    public Optional<Message> findByIdempotencyKey(UUID conversationId, String idempotencyKey) {
        return jdbc.prepareStatement(BY_IDEMPOTENCY_KEY_SQL, statement -> {
            statement.setObject(1, conversationId);
            statement.setString(2, idempotencyKey);
            return single(statement);
        });
    }

    @Override
    public List<Message> page(UUID conversationId, long afterSeq, long upToSeq, int limit) {
        return jdbc.prepareStatement(PAGE_SQL, statement -> {
            statement.setObject(1, conversationId);
            statement.setLong(2, afterSeq);
            statement.setLong(3, upToSeq);
            statement.setInt(4, limit);
            return messages(statement, limit);
        });
    }

    @Override
    public List<Message> pageBackwards(UUID conversationId, long beforeSeq, int limit) {
        return jdbc.prepareStatement(PAGE_BACKWARDS_SQL, statement -> {
            statement.setObject(1, conversationId);
            statement.setLong(2, beforeSeq);
            statement.setInt(3, limit);
            return messages(statement, limit);
        });
    }

    private List<Message> messages(PreparedStatement statement, int limit) throws SQLException {
        List<Message> messages = new ArrayList<>(Math.min(limit, 256));
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                messages.add(message(rows));
            }
        }
        return messages;
    }

    private Optional<Message> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(message(rows)) : Optional.empty();
        }
    }

    private Message message(ResultSet rows) throws SQLException {
        return new Message(
                rows.getObject("id", UUID.class),
                rows.getObject("conversation_id", UUID.class),
                rows.getLong("seq"),
                MessageRole.fromWire(rows.getString("role")).orElseThrow(),
                rows.getString("content"),
                rows.getString("intent"),
                rows.getObject("confidence", Double.class),
                JdbcColumns.object(rows.getString("metadata"), json::readValue),
                rows.getInt("redactions"),
                instant(rows, "created_at"));
    }
}
