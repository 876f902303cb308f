package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

/**
 * Deletes by age in bounded batches: the inner SELECT walks the {@code created_at} index
 * ({@code agent_traces_created_idx}, {@code api_requests_created_idx}) oldest first and stops at the limit,
 * so one statement never scans or locks more than a batch.
 */
@Singleton
class TraceRetentionAdapter implements PurgeTracesPort {

    private final JdbcOperations jdbc;

    TraceRetentionAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long deleteSpansCreatedBefore(Instant cutoff, int limit) {
        return deleteBatch("""
                DELETE FROM tracing.agent_traces
                 WHERE id IN (SELECT id FROM tracing.agent_traces WHERE created_at < ? ORDER BY created_at LIMIT ?)
                """, cutoff, limit);
    }

    @Override
    public long countSpansCreatedBefore(Instant cutoff) {
        return count("SELECT count(*) FROM tracing.agent_traces WHERE created_at < ?", cutoff);
    }

    @Override
    public long countSpansOf(Collection<UUID> conversationIds, Instant createdNotBefore) {
        String sql = "SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ANY(?)"
                + (createdNotBefore == null ? "" : " AND created_at >= ?");
        return jdbc.prepareStatement(sql, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", conversationIds.toArray()));
            if (createdNotBefore != null) {
                statement.setObject(2, timestamp(createdNotBefore));
            }
            return single(statement);
        });
    }

    @Override
    public long deleteRequestsCreatedBefore(Instant cutoff, int limit) {
        return deleteBatch("""
                DELETE FROM tracing.api_requests
                 WHERE id IN (SELECT id FROM tracing.api_requests WHERE created_at < ? ORDER BY created_at LIMIT ?)
                """, cutoff, limit);
    }

    @Override
    public long countRequestsCreatedBefore(Instant cutoff) {
        return count("SELECT count(*) FROM tracing.api_requests WHERE created_at < ?", cutoff);
    }

    private long deleteBatch(String sql, Instant cutoff, int limit) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, timestamp(cutoff));
            statement.setInt(2, limit);
            return (long) statement.executeUpdate();
        });
    }

    private long count(String sql, Instant cutoff) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, timestamp(cutoff));
            return single(statement);
        });
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
