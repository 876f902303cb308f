package io.parley.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for this test JVM, created on first use on the local server
 * and dropped when the JVM exits. Tests never run against H2 or a shared database.
 *
 * <p>The server is {@code PARLEY_TEST_DATABASE_SERVER} (default {@code //127.0.0.1:5432}),
 * user {@code PARLEY_TEST_DATABASE_USER} (default {@code postgres}, trust auth).
 */
public final class TestDatabase {

    private static final String SERVER = env("PARLEY_TEST_DATABASE_SERVER", "//127.0.0.1:5432");
    private static final String USER = env("PARLEY_TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = env("PARLEY_TEST_DATABASE_PASSWORD", "");

    private static String name;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (name == null) {
            name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute("CREATE DATABASE " + name);
            String created = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + created + " WITH (FORCE)")));
        }
        return "jdbc:postgresql:" + SERVER + "/" + name;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /** The properties that point the application at this run's database. */
    public static Map<String, String> properties() {
        return Map.of(
                "parley.database.url", url(),
                "parley.database.user", USER,
                "parley.database.password", PASSWORD);
    }

    /** A new connection to this run's database, for tests that assert on the schema or rows directly. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql:" + SERVER + "/postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database on " + SERVER + " as " + USER
                    + " (is the local PostgreSQL running?)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
