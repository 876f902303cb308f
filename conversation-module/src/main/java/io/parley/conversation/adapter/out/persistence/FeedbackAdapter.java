package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.conversation.application.port.out.SaveFeedbackPort;
import io.parley.conversation.domain.Feedback;
import jakarta.inject.Singleton;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.parley.kernel.JdbcColumns.instant;
import static io.parley.kernel.JdbcColumns.setInstant;

/**
 * One feedback per conversation: ON CONFLICT replaces it, so two concurrent first ratings cannot both
 * insert. A conversation erased between the caller's check and this insert fails the foreign key:
 * that is "not found", not an error.
 */
@Singleton
@Connectable
class FeedbackAdapter implements SaveFeedbackPort {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final JdbcOperations jdbc;

    FeedbackAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Feedback> save(UUID newId, UUID conversationId, int rating, String comment, Instant at) {
        try {
            return Optional.of(upsert(newId, conversationId, rating, comment, at));
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Feedback upsert(UUID newId, UUID conversationId, int rating, String comment, Instant at) {
        return jdbc.prepareStatement("""
                INSERT INTO conversation.feedback (id, conversation_id, rating, comment, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE
                   SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
                RETURNING conversation_id, rating, comment, created_at, updated_at
                """, statement -> {
            statement.setObject(1, newId);
            statement.setObject(2, conversationId);
            statement.setInt(3, rating);
            statement.setString(4, comment);
            setInstant(statement, 5, at);
            setInstant(statement, 6, at);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Feedback(rows.getObject("conversation_id", UUID.class), rows.getInt("rating"),
                        rows.getString("comment"), instant(rows, "created_at"), instant(rows, "updated_at"));
            }
        });
    }
}
