package io.parley.ticketing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.ticketing.api.ArchivedHandoff;
import io.parley.ticketing.api.ArchivedTicket;
import io.parley.ticketing.api.ArchivedTicketEvent;
import io.parley.ticketing.api.TicketRetentionCounts;
import io.parley.ticketing.application.port.out.LoadTicketArchivePort;
import io.parley.ticketing.domain.TicketNumber;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads whole tickets of a batch of conversations in three indexed queries (tickets, history, handoffs). */
@Singleton
class TicketArchiveAdapter implements LoadTicketArchivePort {

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    TicketArchiveAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Map<UUID, ArchivedTicket> loadByConversations(Collection<UUID> conversationIds) {
        List<TicketRow> tickets = tickets(conversationIds);
        if (tickets.isEmpty()) {
            return Map.of();
        }
        List<UUID> ticketIds = tickets.stream().map(TicketRow::id).toList();
        Map<UUID, List<ArchivedTicketEvent>> history = history(ticketIds);
        Map<UUID, ArchivedHandoff> handoffs = handoffs(ticketIds);
        Map<UUID, ArchivedTicket> byConversation = new HashMap<>();
        for (TicketRow t : tickets) {
            byConversation.put(t.conversationId(), new ArchivedTicket(t.id(), new TicketNumber(t.number()).toString(), t.conversationId(), t.clientId(),
                    t.assigneeId(), t.status(), t.priority(), t.description(), t.escalationReason(), t.initialSummary(),
                    t.metadata(), t.version(), t.openedAt(), t.assignedAt(), t.closedAt(), t.updatedAt(),
                    history.getOrDefault(t.id(), List.of()), handoffs.get(t.id())));
        }
        return byConversation;
    }

    @Override
    public TicketRetentionCounts countByConversations(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                SELECT (SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ANY(?)),
                       (SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ANY(?))
                """, statement -> {
            Array ids = uuidArray(statement, conversationIds);
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new TicketRetentionCounts(rows.getLong(1), rows.getLong(2));
            }
        });
    }

    private List<TicketRow> tickets(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                SELECT id, number, conversation_id, client_id, assignee_id, status, priority, description, escalation_reason,
                       initial_summary, metadata::text AS metadata, version, opened_at, assigned_at, closed_at, updated_at
                  FROM ticketing.tickets WHERE conversation_id = ANY(?)
                """, statement -> {
            statement.setArray(1, uuidArray(statement, conversationIds));
            List<TicketRow> tickets = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tickets.add(new TicketRow(rows.getObject("id", UUID.class), rows.getLong("number"),
                            rows.getObject("conversation_id", UUID.class), rows.getObject("client_id", UUID.class),
                            rows.getObject("assignee_id", UUID.class), rows.getString("status"), rows.getString("priority"),
                            rows.getString("description"), rows.getString("escalation_reason"), rows.getString("initial_summary"),
                            JdbcColumns.object(rows.getString("metadata"), json::readValue), rows.getLong("version"), JdbcColumns.instant(rows, "opened_at"),
                            JdbcColumns.instant(rows, "assigned_at"), JdbcColumns.instant(rows, "closed_at"), JdbcColumns.instant(rows, "updated_at")));
                }
            }
            return tickets;
        });
    }

    private Map<UUID, List<ArchivedTicketEvent>> history(List<UUID> ticketIds) {
        return jdbc.prepareStatement("""
                SELECT ticket_id, from_status, to_status, actor, reason, at
                  FROM ticketing.ticket_events WHERE ticket_id = ANY(?) ORDER BY ticket_id, at, id
                """, statement -> {
            statement.setArray(1, uuidArray(statement, ticketIds));
            Map<UUID, List<ArchivedTicketEvent>> history = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    history.computeIfAbsent(rows.getObject("ticket_id", UUID.class), id -> new ArrayList<>())
                            .add(new ArchivedTicketEvent(rows.getString("from_status"), rows.getString("to_status"),
                                    rows.getString("actor"), rows.getString("reason"), JdbcColumns.instant(rows, "at")));
                }
            }
            return history;
        });
    }

    private Map<UUID, ArchivedHandoff> handoffs(List<UUID> ticketIds) {
        return jdbc.prepareStatement("""
                SELECT id, ticket_id, provider, status, reason, external_ticket_id, attempts, last_error, created_at, updated_at
                  FROM ticketing.handoffs WHERE ticket_id = ANY(?)
                """, statement -> {
            statement.setArray(1, uuidArray(statement, ticketIds));
            Map<UUID, ArchivedHandoff> handoffs = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handoffs.put(rows.getObject("ticket_id", UUID.class), new ArchivedHandoff(rows.getObject("id", UUID.class),
                            rows.getString("provider"), rows.getString("status"), rows.getString("reason"),
                            rows.getString("external_ticket_id"), rows.getInt("attempts"), rows.getString("last_error"),
                            JdbcColumns.instant(rows, "created_at"), JdbcColumns.instant(rows, "updated_at")));
                }
            }
            return handoffs;
        });
    }

    private static Array uuidArray(PreparedStatement statement, Collection<UUID> ids) throws SQLException {
        return statement.getConnection().createArrayOf("uuid", ids.toArray());
    }

    private record TicketRow(UUID id, long number, UUID conversationId, UUID clientId, UUID assigneeId, String status,
                             String priority, String description, String escalationReason, String initialSummary,
                             Map<String, Object> metadata, long version, Instant openedAt, Instant assignedAt,
                             Instant closedAt, Instant updatedAt) {
    }
}
