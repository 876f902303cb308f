package io.parley.ticketing.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.ticketing.application.port.out.LoadTicketChangesPort;
import io.parley.ticketing.domain.TicketChange;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tickets by change number ({@code change_seq}, drawn by the database trigger in commit order), for the
 * live streams. Reads only; joins the caller's transaction or borrows a connection for the statement.
 */
@Singleton
@Connectable
class TicketChangeAdapter implements LoadTicketChangesPort {

    private static final String SELECT = "SELECT " + TicketSql.COLUMNS + ", change_seq FROM ticketing.tickets";
    /** A range of tickets_change_seq_idx. */
    static final String CHANGED_AFTER = SELECT + " WHERE change_seq > ? ORDER BY change_seq LIMIT ?";
    static final String CONVERSATION_CHANGED_AFTER = SELECT + " WHERE conversation_id = ? AND change_seq > ?";
    static final String CONVERSATION_CHANGE = "SELECT change_seq FROM ticketing.tickets WHERE conversation_id = ?";
    static final String LATEST_COMMITTED = "SELECT COALESCE(max(change_seq), 0) FROM ticketing.tickets";
    static final String LATEST_DRAWN = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ticketing.ticket_change_seq";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    TicketChangeAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<TicketChange> changedAfter(long afterNumber, int limit) {
        return jdbc.prepareStatement(CHANGED_AFTER, statement -> {
            statement.setLong(1, afterNumber);
            statement.setInt(2, limit);
            return changes(statement);
        });
    }

    @Override
    public Optional<TicketChange> conversationTicketChangedAfter(UUID conversationId, long afterNumber) {
        return jdbc.prepareStatement(CONVERSATION_CHANGED_AFTER, statement -> {
            statement.setObject(1, conversationId);
            statement.setLong(2, afterNumber);
            return changes(statement).stream().findFirst();
        });
    }

    @Override
    public long conversationTicketChange(UUID conversationId) {
        return jdbc.prepareStatement(CONVERSATION_CHANGE, statement -> {
            statement.setObject(1, conversationId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long latestCommittedChange() {
        return number(LATEST_COMMITTED);
    }

    @Override
    public long latestDrawnChange() {
        return number(LATEST_DRAWN);
    }

    private long number(String sql) {
        return jdbc.prepareStatement(sql, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private List<TicketChange> changes(PreparedStatement statement) throws SQLException {
        List<TicketChange> changes = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                changes.add(new TicketChange(rows.getLong("change_seq"), TicketPersistenceAdapter.ticket(rows, json)));
            }
        }
        return changes;
    }
}
