package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.parley.tracing.adapter.out.persistence.TimePartitions.Partition;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import io.parley.tracing.application.port.out.TracePartitionsPort.Table;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static io.parley.tracing.adapter.out.persistence.TimePartitions.execute;

/**
 * Retention by partition. A partition entirely before the cutoff goes in two steps:
 * <ol>
 *   <li>one transaction: {@code LOCK ... IN SHARE MODE} (no row of it can change from now on, reads go on),
 *       {@code count(*)} (exact: {@code pg_class.reltuples} is an estimate from the last VACUUM/ANALYZE and the
 *       report must say what went; the count reads the partition's smallest index, all-visible by then, so it
 *       costs a read of that index and writes nothing), for spans the ids given back to
 *       {@code tracing.agent_trace_ids}, then {@code TRUNCATE}: the rows are gone without a dead tuple, and
 *       only this partition was locked, never the parent, so inserts carry on;</li>
 *   <li>another: {@code DROP TABLE} of the now empty partition. Dropping needs ACCESS EXCLUSIVE on the
 *       parent, so it gets one attempt under the lock timeout; if the table is busy the empty partition
 *       stays until the next run drops it (it costs nothing but a catalog entry).</li>
 * </ol>
 * Then the rows before the cutoff that are left, those of the one partition that straddles it (and of the
 * default partition, should old rows have landed there), go by bounded {@code DELETE}s, oldest first, through
 * the {@code created_at} index; the statement names the parent with the cutoff, so only those partitions are
 * visited.
 */
@Singleton
class TraceRetentionAdapter implements PurgeTracesPort {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRetentionAdapter.class);

    static final String TRIM_SPANS = """
            DELETE FROM tracing.agent_traces
             WHERE created_at < ?
               AND (id, created_at) IN (SELECT id, created_at FROM tracing.agent_traces
                                         WHERE created_at < ? ORDER BY created_at LIMIT ?)
            """;
    static final String TRIM_REQUESTS = """
            DELETE FROM tracing.api_requests
             WHERE created_at < ?
               AND (id, created_at) IN (SELECT id, created_at FROM tracing.api_requests
                                         WHERE created_at < ? ORDER BY created_at LIMIT ?)
            """;
    static final String COUNT_SPANS = "SELECT count(*) FROM tracing.agent_traces WHERE created_at < ?";
    static final String COUNT_REQUESTS = "SELECT count(*) FROM tracing.api_requests WHERE created_at < ?";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    TraceRetentionAdapter(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public long dropSpanPartitionsBefore(Instant cutoff, PartitionLocks locks) {
        return dropPartitionsBefore(Table.AGENT_TRACES, cutoff, locks);
    }

    @Override
    public long deleteSpansCreatedBefore(Instant cutoff, int limit) {
        return trim(TRIM_SPANS, cutoff, limit);
    }

    @Override
    public long countSpansCreatedBefore(Instant cutoff) {
        return count(COUNT_SPANS, cutoff);
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
    public long dropRequestPartitionsBefore(Instant cutoff, PartitionLocks locks) {
        return dropPartitionsBefore(Table.API_REQUESTS, cutoff, locks);
    }

    @Override
    public long deleteRequestsCreatedBefore(Instant cutoff, int limit) {
        return trim(TRIM_REQUESTS, cutoff, limit);
    }

    @Override
    public long countRequestsCreatedBefore(Instant cutoff) {
        return count(COUNT_REQUESTS, cutoff);
    }

    private long dropPartitionsBefore(Table table, Instant cutoff, PartitionLocks locks) {
        List<Partition> expired = TimePartitions.read(transactions, status -> TimePartitions.list(status.getConnection(), table)).stream()
                .filter(p -> !p.isDefault() && p.range().entirelyBefore(cutoff))
                .toList();
        long rows = 0;
        for (Partition partition : expired) {
            rows += TimePartitions.withLockAttempts(locks, () -> TimePartitions.write(transactions, status -> empty(status.getConnection(), table, partition, locks)));
            drop(table, partition, locks);
        }
        return rows;
    }

    /** Counts and empties one partition; returns its rows. */
    private static long empty(Connection connection, Table table, Partition partition, PartitionLocks locks) throws SQLException {
        TimePartitions.lockTimeout(connection, locks);
        execute(connection, "LOCK TABLE " + partition.qualified() + " IN SHARE MODE");
        long rows = TimePartitions.count(connection, "SELECT count(*) FROM " + partition.qualified());
        if (rows > 0 && table == Table.AGENT_TRACES) {
            execute(connection, "DELETE FROM tracing.agent_trace_ids WHERE id = ANY (ARRAY(SELECT id FROM " + partition.qualified() + "))");
        }
        if (rows > 0) {
            execute(connection, "TRUNCATE " + partition.qualified());
        }
        return rows;
    }

    /**
     * Drops an emptied partition: one attempt, since the parent is locked for it. Should a row have landed in it
     * since (a write with an old {@code created_at}), it stays for the next run to count.
     */
    private void drop(Table table, Partition partition, PartitionLocks locks) {
        try {
            TimePartitions.write(transactions, status -> {
                Connection connection = status.getConnection();
                TimePartitions.lockTimeout(connection, locks);
                // the parent first, as DROP TABLE itself would lock them; then nothing can write into the partition
                execute(connection, "LOCK TABLE ONLY " + TimePartitions.qualified(table) + " IN ACCESS EXCLUSIVE MODE");
                execute(connection, "LOCK TABLE " + partition.qualified() + " IN ACCESS EXCLUSIVE MODE");
                if (TimePartitions.count(connection, "SELECT count(*) FROM (SELECT 1 FROM " + partition.qualified() + " LIMIT 1) r") == 0) {
                    execute(connection, "DROP TABLE " + partition.qualified());
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!TimePartitions.lockRefused(e)) {
                throw e;
            }
            LOG.info("partition {} is empty but was busy; the next retention run drops it", partition.qualified());
        }
    }

    private long trim(String sql, Instant cutoff, int limit) {
        return TimePartitions.write(transactions, status -> jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, timestamp(cutoff));
            statement.setObject(2, timestamp(cutoff));
            statement.setInt(3, limit);
            return (long) statement.executeUpdate();
        }));
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
