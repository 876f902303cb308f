package io.parley.app.support;

import io.parley.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An empty database of one test class's own, next to this run's {@link TestDatabase} on the same server and
 * dropped when the JVM exits. For tests that change what every other test class shares and could not undo it
 * by a rollback: partitions dropped by retention, DDL, a schema at an older migration. Point Micronaut at it
 * with {@link #properties()} (the application migrates it at startup) or migrate it with Flyway.
 */
public final class OwnDatabase {

    private final String url;

    private OwnDatabase(String url) {
        this.url = url;
    }

    /** Creates the database now; {@code purpose} (lower case letters) becomes part of its name. */
    public static OwnDatabase create(String purpose) {
        String shared = TestDatabase.url();
        String server = shared.substring(0, shared.lastIndexOf('/') + 1);
        String name = "parley_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        onServer(server, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onServer(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new OwnDatabase(server + name);
    }

    public String url() {
        return url;
    }

    /** The properties that point the application at this database. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("parley.database.url", url);
        properties.put("parley.database.user", TestDatabase.user());
        properties.put("parley.database.password", TestDatabase.password());
        return properties;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
    }

    public void execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String sql, Object... parameters) {
        return Long.parseLong(strings(sql, parameters).get(0));
    }

    private static void onServer(String server, String sql) {
        try (Connection connection = DriverManager.getConnection(server + "postgres", TestDatabase.user(), TestDatabase.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql + " on " + server, e);
        }
    }
}
