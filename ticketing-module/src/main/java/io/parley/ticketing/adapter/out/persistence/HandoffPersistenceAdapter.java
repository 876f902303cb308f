package io.parley.ticketing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.LoadHandoffPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The handoff outbox in PostgreSQL. Each method is one statement in the caller's transaction or, for
 * the dispatcher, its own: the claim must commit before the helpdesk is called.
 */
@Singleton
@Transactional
class HandoffPersistenceAdapter implements HandoffOutboxPort, LoadHandoffPort {

    private final JdbcOperations jdbc;

    HandoffPersistenceAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void enqueue(Handoff handoff) {
        insert(HandoffSql.INSERT_IF_ABSENT, handoff);
    }

    @Override
    public void requeue(Handoff handoff) {
        insert(HandoffSql.REQUEUE, handoff);
    }

    private void insert(String sql, Handoff handoff) {
        jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, handoff.id());
            statement.setObject(2, handoff.ticketId());
            statement.setObject(3, handoff.conversationId());
            statement.setString(4, handoff.provider().wireValue());
            statement.setString(5, handoff.reason());
            JdbcColumns.setInstant(statement, 6, handoff.nextAttemptAt());
            JdbcColumns.setInstant(statement, 7, handoff.createdAt());
            JdbcColumns.setInstant(statement, 8, handoff.updatedAt());
            return statement.executeUpdate();
        });
    }

    @Override
    public List<Handoff> claimDue(Instant now, int limit, Instant leaseUntil) {
        return jdbc.prepareStatement(HandoffSql.CLAIM_DUE, statement -> {
            JdbcColumns.setInstant(statement, 1, now);
            statement.setInt(2, limit);
            JdbcColumns.setInstant(statement, 3, leaseUntil);
            JdbcColumns.setInstant(statement, 4, now);
            return many(statement);
        });
    }

    @Override
    public boolean recordAttempt(Handoff afterAttempt) {
        return jdbc.prepareStatement(HandoffSql.RECORD_ATTEMPT, statement -> {
            statement.setString(1, afterAttempt.delivery().storedValue());
            statement.setString(2, afterAttempt.externalTicketId());
            JdbcColumns.setInstant(statement, 3, afterAttempt.nextAttemptAt());
            statement.setString(4, afterAttempt.lastError());
            JdbcColumns.setInstant(statement, 5, afterAttempt.updatedAt());
            statement.setObject(6, afterAttempt.id());
            statement.setInt(7, afterAttempt.attempts());
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public void settleForClosedTicket(UUID ticketId, Instant at) {
        jdbc.prepareStatement(HandoffSql.SETTLE_FOR_CLOSED_TICKET, statement -> {
            JdbcColumns.setInstant(statement, 1, at);
            statement.setObject(2, ticketId);
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<Handoff> findByTicket(UUID ticketId) {
        return single(HandoffSql.BY_TICKET, ticketId);
    }

    @Override
    public Optional<Handoff> findByConversation(UUID conversationId) {
        return single(HandoffSql.BY_CONVERSATION, conversationId);
    }

    private Optional<Handoff> single(String sql, UUID key) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, key);
            return many(statement).stream().findFirst();
        });
    }

    private static List<Handoff> many(PreparedStatement statement) throws SQLException {
        List<Handoff> handoffs = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handoffs.add(new Handoff(
                        JdbcColumns.uuid(rows, "id"),
                        JdbcColumns.uuid(rows, "ticket_id"),
                        JdbcColumns.uuid(rows, "conversation_id"),
                        HelpdeskKind.fromWire(rows.getString("provider")).orElseThrow(),
                        DeliveryState.fromStored(rows.getString("status")).orElseThrow(),
                        rows.getString("reason"),
                        rows.getString("external_ticket_id"),
                        rows.getInt("attempts"),
                        JdbcColumns.instant(rows, "next_attempt_at"),
                        rows.getString("last_error"),
                        JdbcColumns.instant(rows, "created_at"),
                        JdbcColumns.instant(rows, "updated_at")));
            }
        }
        return handoffs;
    }
}
