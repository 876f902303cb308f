package io.parley.app.schema;

import io.parley.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A database of the schema tests' own, created empty on the local server (next to this run's
 * {@link TestDatabase}) and migrated once per test JVM by Flyway, configured as the application
 * configures it: the three module locations, one history. The first run and an immediate second run
 * are kept so {@link MigrationsTest} can assert them; every other schema test reads and writes this
 * database inside a transaction it rolls back ({@link SchemaSession}). Dropped when the JVM exits.
 */
final class MigratedDatabase {

    /** The same locations as {@code flyway.datasources.default.locations} in application.yml. */
    static final List<String> LOCATIONS = List.of(
            "classpath:db/migration/conversation",
            "classpath:db/migration/ticketing",
            "classpath:db/migration/tracing");

    private static MigratedDatabase instance;

    private final String url;
    private final int relationsBeforeFirstRun;
    private final MigrateResult firstRun;
    private final MigrateResult secondRun;

    private MigratedDatabase(String url, int relationsBeforeFirstRun, MigrateResult firstRun, MigrateResult secondRun) {
        this.url = url;
        this.relationsBeforeFirstRun = relationsBeforeFirstRun;
        this.firstRun = firstRun;
        this.secondRun = secondRun;
    }

    static synchronized MigratedDatabase get() {
        if (instance == null) {
            instance = createAndMigrate();
        }
        return instance;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
    }

    int relationsBeforeFirstRun() {
        return relationsBeforeFirstRun;
    }

    MigrateResult firstRun() {
        return firstRun;
    }

    MigrateResult secondRun() {
        return secondRun;
    }

    Flyway flyway() {
        return Flyway.configure()
                .dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations(LOCATIONS.toArray(String[]::new))
                .load();
    }

    private static MigratedDatabase createAndMigrate() {
        String runDatabaseUrl = TestDatabase.url();
        String server = runDatabaseUrl.substring(0, runDatabaseUrl.lastIndexOf('/') + 1);
        String name = "parley_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        executeOnServer(server, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> executeOnServer(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));

        String url = server + name;
        int relationsBefore = countUserRelations(url);
        Flyway flyway = Flyway.configure()
                .dataSource(url, TestDatabase.user(), TestDatabase.password())
                .locations(LOCATIONS.toArray(String[]::new))
                .load();
        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();
        return new MigratedDatabase(url, relationsBefore, first, second);
    }

    private static int countUserRelations(String url) {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                     """)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void executeOnServer(String server, String sql) {
        try (Connection connection = DriverManager.getConnection(server + "postgres", TestDatabase.user(), TestDatabase.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the schema test database on " + server, e);
        }
    }
}
