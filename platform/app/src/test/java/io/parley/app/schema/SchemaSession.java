package io.parley.app.schema;

import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One transaction on the {@link MigratedDatabase} that is always rolled back, so every schema test
 * starts from the same empty tables and leaves nothing behind. A test class keeps one session and
 * undoes each test's writes with {@link #begin()} / {@link #undo()} (a savepoint), which keeps
 * hundreds of small tests fast. SQL may name the {@link World}'s rows by placeholder ({@code :alice}).
 */
final class SchemaSession implements AutoCloseable {

    private final Connection connection;
    private Savepoint testStart;

    private SchemaSession(Connection connection) {
        this.connection = connection;
    }

    static SchemaSession open() {
        try {
            Connection connection = MigratedDatabase.get().connect();
            connection.setAutoCommit(false);
            return new SchemaSession(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything written from here on is undone by {@link #undo()}. */
    void begin() {
        testStart = savepoint();
    }

    void undo() {
        rollbackTo(testStart);
    }

    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(World.expand(sql));
        } catch (SQLException e) {
            throw new IllegalStateException(World.expand(sql), e);
        }
    }

    List<Map<String, Object>> rows(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(World.expand(sql))) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(World.expand(sql), e);
        }
    }

    /** The first column of every row, as text. */
    List<String> strings(String sql) {
        return rows(sql).stream().map(row -> String.valueOf(row.values().iterator().next())).toList();
    }

    /** The single value of a one-row, one-column query. */
    Object value(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1) {
            fail("expected one row from " + sql + " but got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    long count(String sql) {
        return ((Number) value(sql)).longValue();
    }

    /**
     * Runs a statement that must fail and returns PostgreSQL's error. The transaction goes on
     * (the failure is rolled back to a savepoint).
     */
    PSQLException failure(String sql) {
        Savepoint savepoint = savepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute(World.expand(sql));
        } catch (PSQLException e) {
            rollbackTo(savepoint);
            return e;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        rollbackTo(savepoint);
        return fail("expected PostgreSQL to reject: " + World.expand(sql));
    }

    /** The plan PostgreSQL chooses, as EXPLAIN prints it. */
    String plan(String sql) {
        return String.join("\n", strings("EXPLAIN " + sql));
    }

    private Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rollbackTo(Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
