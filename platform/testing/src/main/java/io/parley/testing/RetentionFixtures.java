package io.parley.testing;

import io.parley.kernel.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Rows with chosen timestamps in this test run's database ({@link TestDatabase}), for the retention tests
 * (platform/retention) and the tests of platform/app that need another module's rows. Every table of every
 * module, written with plain SQL, so the tests can check what each purge leaves behind.
 */
public final class RetentionFixtures {

    private RetentionFixtures() {
    }

    /** A user row for the JWT subject (created once; later calls return the same id). */
    public static UUID user(String subject) {
        return uuid("""
                INSERT INTO conversation.users (id, external_id, is_authenticated) VALUES (?, ?, true)
                ON CONFLICT (external_id) DO UPDATE SET updated_at = now() RETURNING id
                """, Ids.newId(), subject);
    }

    public static UUID closedConversation(String subject, Instant startedAt, Instant endedAt) {
        return conversation(subject, "closed", startedAt, endedAt, endedAt);
    }

    public static UUID openConversation(String subject, Instant startedAt, Instant updatedAt) {
        return conversation(subject, "open", startedAt, updatedAt, null);
    }

    private static UUID conversation(String subject, String status, Instant startedAt, Instant updatedAt, Instant endedAt) {
        UUID userId = subject == null ? null : user(subject);
        UUID id = Ids.newId();
        execute("""
                INSERT INTO conversation.conversations (id, user_id, session_id, channel, locale, status, summary, metadata,
                                                        started_at, updated_at, ended_at)
                VALUES (?, ?, ?, 'web', 'en-US', ?, 'a customer asks about a refund', '{"source":"fixture"}'::jsonb, ?, ?, ?)
                """, id, userId, Ids.newSessionId(), status, at(startedAt), at(updatedAt), at(endedAt));
        return id;
    }

    /** Appends a message with the next seq, leaving the conversation's updated_at as the test set it. */
    public static UUID message(UUID conversationId, String role, String content, Instant createdAt) {
        UUID id = Ids.newId();
        execute("""
                WITH next AS (UPDATE conversation.conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq)
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content, intent, confidence, metadata, created_at)
                SELECT ?, ?, last_seq, ?, ?, 'billing.refund', 0.75, '{"channel":"web"}'::jsonb, ? FROM next
                """, conversationId, id, conversationId, role, content, at(createdAt));
        return id;
    }

    public static void feedback(UUID conversationId, int rating, String comment, Instant at) {
        execute("""
                INSERT INTO conversation.feedback (id, conversation_id, rating, comment, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, Ids.newId(), conversationId, rating, comment, at(at), at(at));
    }

    /** A ticket escalated to humans, with the customer's words in every free-text field and two history events with reasons. */
    public static UUID ticket(UUID conversationId, UUID clientId, Instant openedAt) {
        UUID id = Ids.newId();
        execute("""
                INSERT INTO ticketing.tickets (id, conversation_id, client_id, status, priority, description, escalation_reason,
                                               initial_summary, metadata, opened_at, updated_at)
                VALUES (?, ?, ?, 'PENDING_HUMAN_ASSIGNMENT', 'high', 'refund for order 1234', 'customer asked for a human',
                        'wants a refund', '{"order":"1234"}'::jsonb, ?, ?)
                """, id, conversationId, clientId, at(openedAt), at(openedAt.plusSeconds(60)));
        execute("""
                INSERT INTO ticketing.ticket_events (id, ticket_id, from_status, to_status, actor, reason, at)
                VALUES (?, ?, NULL, 'OPEN_AI_HANDLING', 'service:assistant', 'assistant opened a case', ?),
                       (?, ?, 'OPEN_AI_HANDLING', 'PENDING_HUMAN_ASSIGNMENT', 'user:customer', 'wants to talk to a person', ?)
                """, Ids.newId(), id, at(openedAt), Ids.newId(), id, at(openedAt.plusSeconds(60)));
        return id;
    }

    public static UUID handoff(UUID ticketId, UUID conversationId, Instant createdAt) {
        UUID id = Ids.newId();
        execute("""
                INSERT INTO ticketing.handoffs (id, ticket_id, conversation_id, provider, status, reason, external_ticket_id,
                                                attempts, created_at, updated_at)
                VALUES (?, ?, ?, 'zendesk', 'created', 'wants to talk to a person', 'ZD-77', 1, ?, ?)
                """, id, ticketId, conversationId, at(createdAt), at(createdAt));
        return id;
    }

    public static UUID trace(UUID conversationId, UUID messageId, Instant createdAt) {
        UUID id = Ids.newId();
        execute("""
                INSERT INTO tracing.agent_traces (id, trace_id, conversation_id, message_id, agent_type, operation_type, name,
                                                  status, started_at, ended_at, input_tokens, output_tokens, payload, created_at)
                VALUES (?, ?, ?, ?, 'router', 'llm_call', 'answer', 'ok', ?, ?, 120, 40, '{"prompt":"fixture"}'::jsonb, ?)
                """, id, Ids.newId(), conversationId, messageId, at(createdAt), at(createdAt.plus(Duration.ofMillis(800))), at(createdAt));
        return id;
    }

    public static UUID apiRequest(Instant createdAt) {
        UUID id = Ids.newId();
        execute("""
                INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)
                VALUES (?, '/api/v1/chat', 'POST', 200, 12.5, 'guest', ?)
                """, id, at(createdAt));
        return id;
    }

    public static boolean exists(String table, UUID id) {
        return queryLong("SELECT count(*) FROM " + table + " WHERE id = ?", id) == 1;
    }

    public static long count(String sql, Object... parameters) {
        return queryLong(sql, parameters);
    }

    /** The first column of the first row as text (null when there is no row or it is NULL). */
    public static String text(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getString(1) : null);
    }

    private static UUID uuid(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getObject(1, UUID.class) : null);
    }

    private static long queryLong(String sql, Object... parameters) {
        return query(sql, parameters, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private static void execute(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T query(String sql, Object[] parameters, Read<T> read) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            return read.from(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(ResultSet rows) throws SQLException;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
