package io.parley.tracing.adapter.out.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.parley.tracing.adapter.out.persistence.TimePartitions.Partition;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.TracePartitionsPort;
import io.parley.tracing.domain.TimeRange;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.parley.tracing.adapter.out.persistence.TimePartitions.bounds;
import static io.parley.tracing.adapter.out.persistence.TimePartitions.execute;

/**
 * Creates partitions with the least locking PostgreSQL offers: {@code CREATE TABLE ... (LIKE parent)} and then
 * {@code ATTACH PARTITION}, which takes SHARE UPDATE EXCLUSIVE on the parent (reads and inserts go on) where
 * {@code CREATE TABLE ... PARTITION OF} would take ACCESS EXCLUSIVE. ATTACH still briefly takes SHARE ROW
 * EXCLUSIVE on the tables the foreign keys of {@code agent_traces} reference (conversations, messages) and
 * ACCESS EXCLUSIVE on the default partition, so each partition is its own short transaction under
 * {@code lock_timeout}.
 *
 * <p>Rows that landed in the default partition inside the new range (the job was behind) move into the new
 * partition in the same transaction: ATTACH would otherwise refuse, since they belong to it.
 */
@Singleton
class TracePartitionsAdapter implements TracePartitionsPort {

    private static final Logger LOG = LoggerFactory.getLogger(TracePartitionsAdapter.class);

    private final TransactionOperations<Connection> transactions;

    TracePartitionsAdapter(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<TimeRange> partitions(Table table) {
        return TimePartitions.read(transactions, status -> {
            List<TimeRange> ranges = new ArrayList<>();
            for (Partition partition : TimePartitions.list(status.getConnection(), table)) {
                if (!partition.isDefault()) {
                    ranges.add(partition.range());
                }
            }
            return ranges;
        });
    }

    @Override
    public Optional<String> ensureDefaultPartition(Table table, PartitionLocks locks) {
        return TimePartitions.withLockAttempts(locks, () -> TimePartitions.write(transactions, status -> {
            Connection connection = status.getConnection();
            TimePartitions.lockTimeout(connection, locks);
            TimePartitions.takeTurn(connection, table);
            if (TimePartitions.defaultPartition(connection, table).isPresent()) {
                return Optional.<String>empty();
            }
            String name = TimePartitions.defaultName(table);
            execute(connection, "CREATE TABLE tracing." + name + " PARTITION OF " + TimePartitions.qualified(table) + " DEFAULT");
            LOG.info("created the default partition tracing.{}", name);
            return Optional.of(name);
        }));
    }

    @Override
    public Optional<String> createPartition(Table table, TimeRange range, PartitionLocks locks) {
        return TimePartitions.withLockAttempts(locks, () -> TimePartitions.write(transactions, status -> {
            Connection connection = status.getConnection();
            TimePartitions.lockTimeout(connection, locks);
            TimePartitions.takeTurn(connection, table);
            List<Partition> existing = TimePartitions.list(connection, table);
            if (existing.stream().anyMatch(p -> !p.isDefault() && p.range().overlaps(range))) {
                return Optional.<String>empty();
            }
            String name = TimePartitions.partitionName(table, range.from());
            String parent = TimePartitions.qualified(table);
            execute(connection, "CREATE TABLE tracing." + name + " (LIKE " + parent
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION)");
            Optional<Partition> defaultPartition = existing.stream().filter(Partition::isDefault).findFirst();
            long moved = defaultPartition.isPresent() ? moveOutOfDefault(connection, table, defaultPartition.get(), name, range) : 0;
            execute(connection, "ALTER TABLE " + parent + " ATTACH PARTITION tracing." + name + " FOR VALUES " + bounds(range));
            if (moved > 0) {
                LOG.warn("created partition tracing.{} and moved {} rows into it from the default partition", name, moved);
            } else {
                LOG.info("created partition tracing.{}", name);
            }
            return Optional.of(name);
        }));
    }

    /**
     * Moves the default partition's rows of the range into the new (not yet attached) table; the generated
     * columns are computed again there. Deleting from the default partition itself fires no trigger of the
     * partitioned table, so moved spans keep their ids in {@code tracing.agent_trace_ids}.
     */
    private static long moveOutOfDefault(Connection connection, Table table, Partition defaultPartition, String name, TimeRange range)
            throws SQLException {
        String where = (range.from() == null ? "" : "created_at >= " + TimePartitions.literal(range.from()))
                + (range.from() != null && range.to() != null ? " AND " : "")
                + (range.to() == null ? "" : "created_at < " + TimePartitions.literal(range.to()));
        if (TimePartitions.count(connection, "SELECT count(*) FROM " + defaultPartition.qualified() + " WHERE " + where) == 0) {
            return 0;
        }
        String columns = storedColumns(connection, table);
        try (PreparedStatement statement = connection.prepareStatement(
                "WITH moved AS (DELETE FROM " + defaultPartition.qualified() + " WHERE " + where + " RETURNING " + columns + ")"
                        + " INSERT INTO tracing." + name + " (" + columns + ") SELECT " + columns + " FROM moved")) {
            return statement.executeUpdate();
        }
    }

    /** The table's columns that are stored as written (not generated), in order. */
    private static String storedColumns(Connection connection, Table table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                 WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                """)) {
            statement.setString(1, TimePartitions.qualified(table));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
