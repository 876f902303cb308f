package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ArchivedFeedback;
import io.parley.conversation.api.ArchivedMessage;
import io.parley.conversation.api.ConversationRetention.Position;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.conversation.application.port.out.PurgeConversationsPort;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static io.parley.kernel.JdbcColumns.instant;
import static io.parley.kernel.JdbcColumns.setInstant;

/**
 * Retention's SQL over the transaction-aware connection. Every statement is bounded (LIMIT or an id list)
 * and walks the partial indexes made for it: {@code conversations_open_updated_idx (updated_at, id)} for idle
 * ones, {@code conversations_closed_ended_idx (ended_at, id)} for expired ones.
 */
@Singleton
class ConversationRetentionAdapter implements PurgeConversationsPort {

    private static final int FETCH_SIZE = 1000;

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ConversationRetentionAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public int closeIdle(Instant idleBefore, Instant closedAt, int limit) {
        // The locking SELECT is a CTE, run once: as an IN (subquery) PostgreSQL may plan it as the inner side of a
        // nested-loop semi join and run it again for every idle row, and each run skips the rows this statement has
        // just updated and locks the next ones, so LIMIT bounded nothing and one call closed every idle conversation.
        // The outer conditions are checked again on the locked row: a message that arrived meanwhile keeps it open.
        // GREATEST keeps the time-order CHECKs true even for a row stamped ahead of this instance's clock.
        return jdbc.prepareStatement("""
                WITH idle AS MATERIALIZED (SELECT id FROM conversation.conversations
                                            WHERE status = 'open' AND updated_at < ?
                                            ORDER BY updated_at, id
                                            LIMIT ?
                                            FOR UPDATE SKIP LOCKED)
                UPDATE conversation.conversations c
                   SET status = 'closed',
                       ended_at = GREATEST(?, c.started_at),
                       updated_at = GREATEST(?, c.updated_at)
                  FROM idle
                 WHERE c.id = idle.id
                   AND c.status = 'open' AND c.updated_at < ?
                """, statement -> {
            setInstant(statement, 1, idleBefore);
            statement.setInt(2, limit);
            setInstant(statement, 3, closedAt);
            setInstant(statement, 4, closedAt);
            setInstant(statement, 5, idleBefore);
            return statement.executeUpdate();
        });
    }

    @Override
    public long countIdle(Instant idleBefore) {
        return jdbc.prepareStatement("""
                SELECT count(*) FROM conversation.conversations WHERE status = 'open' AND updated_at < ?
                """, statement -> {
            setInstant(statement, 1, idleBefore);
            return single(statement);
        });
    }

    @Override
    public List<Position> selectExpired(Instant cutoff, Position after, int limit, boolean lock) {
        String sql = "SELECT id, ended_at FROM conversation.conversations WHERE status = 'closed' AND ended_at < ?"
                + (after == null ? "" : " AND (ended_at, id) > (?, ?)")
                + " ORDER BY ended_at, id LIMIT ?"
                + (lock ? " FOR UPDATE SKIP LOCKED" : "");
        return jdbc.prepareStatement(sql, statement -> {
            int i = 1;
            setInstant(statement, i++, cutoff);
            if (after != null) {
                setInstant(statement, i++, after.endedAt());
                statement.setObject(i++, after.id());
            }
            statement.setInt(i, limit);
            List<Position> positions = new ArrayList<>(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.add(new Position(instant(rows, "ended_at"), rows.getObject("id", UUID.class)));
                }
            }
            return positions;
        });
    }

    @Override
    public void streamArchive(Collection<UUID> conversationIds, Consumer<ArchivedConversation> consumer) {
        List<Header> headers = headers(conversationIds);
        Map<UUID, ArchivedFeedback> feedback = feedback(conversationIds);
        // One conversation at a time, each a range of (conversation_id, seq) read in index order: memory holds one
        // conversation, and PostgreSQL never sorts a whole batch of message contents (= ANY(...) ORDER BY would).
        jdbc.prepareStatement("""
                SELECT id, seq, role, content, intent, confidence, metadata::text AS metadata, redactions, created_at
                  FROM conversation.messages
                 WHERE conversation_id = ?
                 ORDER BY seq
                """, statement -> {
            statement.setFetchSize(FETCH_SIZE);
            for (Header header : headers) {
                statement.setObject(1, header.id());
                List<ArchivedMessage> messages = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        messages.add(message(rows));
                    }
                }
                consumer.accept(header.with(messages, feedback.get(header.id())));
            }
            return null;
        });
    }

    private List<Header> headers(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                SELECT c.id, c.user_id, u.external_id, c.channel, c.locale, c.status, c.summary, c.metadata::text AS metadata,
                       c.last_seq, c.started_at, c.updated_at, c.ended_at
                  FROM conversation.conversations c
                  LEFT JOIN conversation.users u ON u.id = c.user_id
                 WHERE c.id = ANY(?)
                 ORDER BY c.id
                """, statement -> {
            statement.setArray(1, uuidArray(statement, conversationIds));
            List<Header> headers = new ArrayList<>(conversationIds.size());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    headers.add(new Header(rows.getObject("id", UUID.class), rows.getObject("user_id", UUID.class),
                            rows.getString("external_id"), rows.getString("channel"), rows.getString("locale"),
                            rows.getString("status"), rows.getString("summary"), JdbcColumns.object(rows.getString("metadata"), json::readValue),
                            rows.getLong("last_seq"), instant(rows, "started_at"), instant(rows, "updated_at"),
                            instant(rows, "ended_at")));
                }
            }
            return headers;
        });
    }

    private Map<UUID, ArchivedFeedback> feedback(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                SELECT conversation_id, rating, comment, created_at, updated_at
                  FROM conversation.feedback WHERE conversation_id = ANY(?)
                """, statement -> {
            statement.setArray(1, uuidArray(statement, conversationIds));
            Map<UUID, ArchivedFeedback> feedback = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    feedback.put(rows.getObject("conversation_id", UUID.class), new ArchivedFeedback(rows.getInt("rating"),
                            rows.getString("comment"), instant(rows, "created_at"), instant(rows, "updated_at")));
                }
            }
            return feedback;
        });
    }

    @Override
    public PurgedConversationRows count(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                SELECT (SELECT count(*) FROM conversation.conversations WHERE id = ANY(?)),
                       (SELECT count(*) FROM conversation.messages WHERE conversation_id = ANY(?)),
                       (SELECT count(*) FROM conversation.feedback WHERE conversation_id = ANY(?))
                """, statement -> {
            Array ids = uuidArray(statement, conversationIds);
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            statement.setArray(3, ids);
            return rows(statement);
        });
    }

    @Override
    public PurgedConversationRows delete(Collection<UUID> conversationIds, Instant cutoff) {
        // One statement: every part of it sees the rows as they were before the delete, so the counts are of
        // exactly what the delete (and its cascades) removed.
        return jdbc.prepareStatement("""
                WITH doomed AS (SELECT id FROM conversation.conversations
                                 WHERE id = ANY(?) AND status = 'closed' AND ended_at < ?),
                     gone AS (DELETE FROM conversation.conversations c USING doomed d WHERE c.id = d.id RETURNING c.id)
                SELECT (SELECT count(*) FROM gone),
                       (SELECT count(*) FROM conversation.messages WHERE conversation_id IN (SELECT id FROM doomed)),
                       (SELECT count(*) FROM conversation.feedback WHERE conversation_id IN (SELECT id FROM doomed))
                """, statement -> {
            statement.setArray(1, uuidArray(statement, conversationIds));
            setInstant(statement, 2, cutoff);
            return rows(statement);
        });
    }

    @Override
    public Set<UUID> existing(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("SELECT id FROM conversation.conversations WHERE id = ANY(?)", statement -> {
            statement.setArray(1, uuidArray(statement, conversationIds));
            Set<UUID> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getObject(1, UUID.class));
                }
            }
            return present;
        });
    }

    private ArchivedMessage message(ResultSet rows) throws SQLException {
        double confidence = rows.getDouble("confidence");
        return new ArchivedMessage(rows.getObject("id", UUID.class), rows.getLong("seq"), rows.getString("role"),
                rows.getString("content"), rows.getString("intent"), rows.wasNull() ? null : confidence,
                JdbcColumns.object(rows.getString("metadata"), json::readValue), rows.getInt("redactions"), instant(rows, "created_at"));
    }

    private static PurgedConversationRows rows(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new PurgedConversationRows(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Array uuidArray(PreparedStatement statement, Collection<UUID> ids) throws SQLException {
        return statement.getConnection().createArrayOf("uuid", ids.toArray());
    }

    private record Header(UUID id, UUID userId, String userSubject, String channel, String locale, String status, String summary,
                          Map<String, Object> metadata, long lastSeq, Instant startedAt, Instant updatedAt, Instant endedAt) {

        ArchivedConversation with(List<ArchivedMessage> messages, ArchivedFeedback feedback) {
            return new ArchivedConversation(id, userId, userSubject, channel, locale, status, summary, metadata, lastSeq,
                    startedAt, updatedAt, endedAt, messages, feedback);
        }
    }
}
