package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.TracePartitionsPort.Table;
import io.parley.tracing.domain.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The partitions of the two time-partitioned tables as pg_catalog knows them, their names, and the rules
 * every piece of partition DDL follows: a {@code lock_timeout} on each transaction, a transaction-scoped
 * advisory lock per table so instances take turns, and another attempt when a lock was refused.
 */
final class TimePartitions {

    /**
     * The first key of the advisory locks ("trac" in ASCII) taken with the two-key form, so they can never
     * meet a lock taken with one bigint key (the retention job's); the second key is the table.
     */
    static final int ADVISORY_KEY = 0x7472_6163;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    /** SQLSTATEs of a lock that was not granted: lock_not_available (lock_timeout) and deadlock_detected. */
    private static final List<String> LOCK_REFUSED = List.of("55P03", "40P01");

    /** One partition; {@code range} is null for the default partition. */
    record Partition(String name, TimeRange range) {

        boolean isDefault() {
            return range == null;
        }

        String qualified() {
            return "tracing." + name;
        }
    }

    private TimePartitions() {
    }

    static String table(Table table) {
        return switch (table) {
            case AGENT_TRACES -> "agent_traces";
            case API_REQUESTS -> "api_requests";
        };
    }

    static String qualified(Table table) {
        return "tracing." + table(table);
    }

    static String defaultName(Table table) {
        return table(table) + "_default";
    }

    /** {@code agent_traces_p20261205}, by the first instant; a start that is not midnight adds the time of day. */
    static String partitionName(Table table, Instant from) {
        String day = DAY.format(from);
        String time = TIME.format(from);
        String name = table(table) + "_p" + day + ("000000".equals(time) ? "" : "_" + time);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a partition name: " + name);
        }
        return name;
    }

    /** A timestamptz literal in UTC for partition bounds (DDL takes no parameters). */
    static String literal(Instant instant) {
        return "'" + LITERAL.format(instant) + "'";
    }

    static String bounds(TimeRange range) {
        return "FROM (" + (range.from() == null ? "MINVALUE" : literal(range.from())) + ") TO ("
                + (range.to() == null ? "MAXVALUE" : literal(range.to())) + ")";
    }

    /** Every partition of the table, the default one included, the oldest range first. */
    static List<Partition> list(Connection connection, Table table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname, b.bound = 'DEFAULT' AS is_default,
                       (regexp_match(b.bound, 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower_bound,
                       (regexp_match(b.bound, 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper_bound
                  FROM pg_inherits i
                  JOIN pg_class c ON c.oid = i.inhrelid
                 CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
                 WHERE i.inhparent = ?::regclass
                 ORDER BY lower_bound NULLS FIRST, c.relname
                """)) {
            statement.setString(1, qualified(table));
            List<Partition> partitions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TimeRange range = rows.getBoolean("is_default") ? null
                            : new TimeRange(instant(rows.getObject("lower_bound", OffsetDateTime.class)),
                                            instant(rows.getObject("upper_bound", OffsetDateTime.class)));
                    partitions.add(new Partition(rows.getString("relname"), range));
                }
            }
            return partitions;
        }
    }

    static Optional<Partition> defaultPartition(Connection connection, Table table) throws SQLException {
        return list(connection, table).stream().filter(Partition::isDefault).findFirst();
    }

    /** This transaction's lock waits end after the timeout (and release whatever queued behind them). */
    static void lockTimeout(Connection connection, PartitionLocks locks) throws SQLException {
        execute(connection, "SET LOCAL lock_timeout = '" + Math.max(1, locks.timeout().toMillis()) + "ms'");
    }

    /** Instances take turns on a table's partition DDL: the lock is held until this transaction ends. */
    static void takeTurn(Connection connection, Table table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            statement.setInt(1, ADVISORY_KEY);
            statement.setInt(2, table.ordinal() + 1);
            statement.execute();
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Runs one partition step, again after {@code pause} while PostgreSQL refuses a lock (the timeout ran out,
     * or a deadlock was broken), up to {@code attempts} times; then the last refusal is thrown.
     */
    static <T> T withLockAttempts(PartitionLocks locks, Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt >= locks.attempts() || !lockRefused(e)) {
                    throw e;
                }
                pause(locks);
            }
        }
    }

    /** One transaction; an SQLException of the work leaves it unchecked (the template would rethrow it as it is). */
    static <R> R write(TransactionOperations<Connection> transactions, TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeWrite(work);
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    static <R> R read(TransactionOperations<Connection> transactions, TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeRead(work);
        } catch (Exception e) {
            throw unchecked(e);
        }
    }

    /** A failure as it can leave the adapter: runtime exceptions as they are, a checked one wrapped. */
    static RuntimeException unchecked(Exception failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new DataAccessException("partition maintenance failed: " + failure.getClass().getName(), failure);
    }

    static boolean lockRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && LOCK_REFUSED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(PartitionLocks locks) {
        try {
            Thread.sleep(locks.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a partition step", e);
        }
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
