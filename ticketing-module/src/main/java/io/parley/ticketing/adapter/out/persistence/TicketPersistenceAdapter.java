package io.parley.ticketing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.kernel.ConflictException;
import io.parley.kernel.RuleViolationException;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketEvent;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.ticketing.domain.TicketStatus;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tickets and their history in PostgreSQL, with plain SQL over the transaction-aware connection.
 * Every method joins the caller's transaction, or runs in its own when there is none (the
 * dispatcher and TicketPresence read outside use-case transactions).
 */
@Singleton
@Transactional
class TicketPersistenceAdapter implements LoadTicketPort, LockTicketPort, SaveTicketPort {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    TicketPersistenceAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Ticket> findById(UUID ticketId) {
        return single(TicketSql.BY_ID, ticketId);
    }

    @Override
    public Optional<Ticket> findByConversation(UUID conversationId) {
        return single(TicketSql.BY_CONVERSATION, conversationId);
    }

    @Override
    public boolean existsForConversation(UUID conversationId) {
        return jdbc.prepareStatement(TicketSql.EXISTS_FOR_CONVERSATION, statement -> {
            statement.setObject(1, conversationId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        });
    }

    @Override
    public List<Ticket> list(Set<TicketStatus> statuses, UUID assigneeId, Instant afterOpenedAt, UUID afterId, int limit) {
        boolean after = afterOpenedAt != null && afterId != null;
        List<TicketStatus> ordered = statuses.stream().sorted().toList();
        return jdbc.prepareStatement(TicketSql.list(ordered.size(), assigneeId != null, after), statement -> {
            int index = 1;
            for (TicketStatus status : ordered) {
                statement.setString(index++, status.wireValue());
            }
            if (assigneeId != null) {
                statement.setObject(index++, assigneeId);
            }
            if (after) {
                JdbcColumns.setInstant(statement, index++, afterOpenedAt);
                statement.setObject(index++, afterId);
            }
            statement.setInt(index, limit);
            return many(statement);
        });
    }

    @Override
    public List<TicketEvent> history(UUID ticketId) {
        return jdbc.prepareStatement(TicketSql.HISTORY, statement -> {
            statement.setObject(1, ticketId);
            List<TicketEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String from = rows.getString("from_status");
                    events.add(new TicketEvent(JdbcColumns.uuid(rows, "id"), JdbcColumns.uuid(rows, "ticket_id"),
                            from == null ? null : TicketStatus.fromWire(from).orElseThrow(),
                            TicketStatus.fromWire(rows.getString("to_status")).orElseThrow(),
                            rows.getString("actor"), rows.getString("reason"), JdbcColumns.instant(rows, "at")));
                }
            }
            return events;
        });
    }

    @Override
    public Optional<Ticket> lockById(UUID ticketId) {
        return single(TicketSql.LOCK_BY_ID, ticketId);
    }

    @Override
    public Optional<Ticket> lockByConversation(UUID conversationId) {
        return single(TicketSql.LOCK_BY_CONVERSATION, conversationId);
    }

    @Override
    public Optional<Ticket> lockNextInQueue() {
        return jdbc.prepareStatement(TicketSql.LOCK_NEXT_IN_QUEUE, statement -> {
            List<Ticket> rows = many(statement);
            return rows.stream().findFirst();
        });
    }

    @Override
    public long nextTicketNumber() {
        return jdbc.prepareStatement(TicketSql.NEXT_NUMBER, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public boolean insertIfAbsent(Ticket ticket) {
        return jdbc.prepareStatement(TicketSql.INSERT_IF_ABSENT, statement -> {
            statement.setObject(1, ticket.id());
            statement.setLong(2, ticket.number().value());
            statement.setObject(3, ticket.conversationId());
            statement.setObject(4, ticket.clientId());
            statement.setObject(5, ticket.assigneeId());
            statement.setString(6, ticket.status().wireValue());
            statement.setString(7, ticket.priority().wireValue());
            statement.setString(8, ticket.description());
            statement.setString(9, ticket.escalationReason());
            statement.setString(10, ticket.initialSummary());
            statement.setString(11, JdbcColumns.json(ticket.metadata(), json::writeValueAsString));
            statement.setLong(12, ticket.version());
            JdbcColumns.setInstant(statement, 13, ticket.openedAt());
            JdbcColumns.setInstant(statement, 14, ticket.assignedAt());
            JdbcColumns.setInstant(statement, 15, ticket.closedAt());
            JdbcColumns.setInstant(statement, 16, ticket.updatedAt());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void update(Ticket ticket, long expectedVersion) {
        int updated = jdbc.prepareStatement(TicketSql.UPDATE, statement -> {
            statement.setObject(1, ticket.assigneeId());
            statement.setString(2, ticket.status().wireValue());
            statement.setString(3, ticket.priority().wireValue());
            statement.setString(4, ticket.description());
            statement.setString(5, ticket.escalationReason());
            statement.setString(6, ticket.initialSummary());
            statement.setString(7, JdbcColumns.json(ticket.metadata(), json::writeValueAsString));
            statement.setLong(8, ticket.version());
            JdbcColumns.setInstant(statement, 9, ticket.assignedAt());
            JdbcColumns.setInstant(statement, 10, ticket.closedAt());
            JdbcColumns.setInstant(statement, 11, ticket.updatedAt());
            statement.setObject(12, ticket.id());
            statement.setLong(13, expectedVersion);
            try {
                return statement.executeUpdate();
            } catch (SQLException e) {
                if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) && ticket.assigneeId() != null) {
                    // the only reference a change can break: the assignee must be a known user
                    throw new RuleViolationException("assignee_id", "is not a known user");
                }
                throw e;
            }
        });
        if (updated != 1) {
            throw new ConflictException("ticket " + ticket.number() + " was changed concurrently", Map.of());
        }
    }

    @Override
    public void append(TicketEvent event) {
        jdbc.prepareStatement(TicketSql.INSERT_EVENT, statement -> {
            statement.setObject(1, event.id());
            statement.setObject(2, event.ticketId());
            statement.setString(3, event.from() == null ? null : event.from().wireValue());
            statement.setString(4, event.to().wireValue());
            statement.setString(5, event.actor());
            statement.setString(6, event.reason());
            JdbcColumns.setInstant(statement, 7, event.at());
            return statement.executeUpdate();
        });
    }

    private Optional<Ticket> single(String sql, UUID key) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, key);
            return many(statement).stream().findFirst();
        });
    }

    private List<Ticket> many(PreparedStatement statement) throws SQLException {
        List<Ticket> tickets = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tickets.add(ticket(rows, json));
            }
        }
        return tickets;
    }

    /** A row of {@link TicketSql#COLUMNS} as a ticket (also read by {@link TicketChangeAdapter}). */
    static Ticket ticket(ResultSet rows, JsonMapper json) throws SQLException {
        return new Ticket(
                JdbcColumns.uuid(rows, "id"),
                new TicketNumber(rows.getLong("number")),
                JdbcColumns.uuid(rows, "conversation_id"),
                JdbcColumns.uuid(rows, "client_id"),
                JdbcColumns.uuid(rows, "assignee_id"),
                TicketStatus.fromWire(rows.getString("status")).orElseThrow(),
                Priority.fromWire(rows.getString("priority")).orElseThrow(),
                rows.getString("description"),
                rows.getString("escalation_reason"),
                rows.getString("initial_summary"),
                JdbcColumns.object(rows.getString("metadata"), json::readValue),
                rows.getLong("version"),
                JdbcColumns.instant(rows, "opened_at"),
                JdbcColumns.instant(rows, "assigned_at"),
                JdbcColumns.instant(rows, "closed_at"),
                JdbcColumns.instant(rows, "updated_at"));
    }
}
