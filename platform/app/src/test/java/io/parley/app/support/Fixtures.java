package io.parley.app.support;

import io.parley.kernel.Ids;
import io.parley.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Rows written straight into this test run's database, for tests of one module that need another
 * module's data to exist (a ticketing test needs a conversation). Tests of the module that owns the
 * data go through its HTTP API instead.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A user row for the JWT subject (created once; later calls return the same id). */
    public static UUID user(String subject) {
        return queryUuid("""
                INSERT INTO conversation.users (id, external_id, is_authenticated) VALUES (?, ?, true)
                ON CONFLICT (external_id) DO UPDATE SET updated_at = now() RETURNING id
                """, Ids.newId(), subject);
    }

    /** An open conversation owned by {@code subject} (a guest conversation when subject is null). */
    public static Conversation conversation(String subject) {
        UUID userId = subject == null ? null : user(subject);
        UUID id = Ids.newId();
        String session = Ids.newSessionId();
        execute("INSERT INTO conversation.conversations (id, user_id, session_id) VALUES (?, ?, ?)", id, userId, session);
        return new Conversation(id, session, userId);
    }

    /** Appends a message the way the conversation module does: seq from last_seq. */
    public static UUID message(UUID conversationId, String role, String content) {
        UUID id = Ids.newId();
        execute("""
                WITH next AS (UPDATE conversation.conversations SET last_seq = last_seq + 1, updated_at = now()
                               WHERE id = ? RETURNING last_seq)
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                SELECT ?, ?, last_seq, ?, ? FROM next
                """, conversationId, id, conversationId, role, content);
        return id;
    }

    public static void close(UUID conversationId) {
        execute("UPDATE conversation.conversations SET status = 'closed', ended_at = now() WHERE id = ?", conversationId);
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UUID queryUuid(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    public record Conversation(UUID id, String sessionId, UUID userId) {
    }
}
