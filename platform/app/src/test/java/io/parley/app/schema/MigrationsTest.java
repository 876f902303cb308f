package io.parley.app.schema;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateOutput;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three modules' migrations build the whole schema from an empty database in one Flyway history,
 * and running Flyway again changes nothing (what every restart of every instance does).
 */
class MigrationsTest {

    private static final Pattern MIGRATION_NAME = Pattern.compile("V\\d{12}__(conversation|ticketing|tracing)_[a-z0-9_]+\\.sql");

    private final MigratedDatabase database = MigratedDatabase.get();

    @Test
    void the_database_was_empty_before_the_first_run() {
        assertEquals(0, database.relationsBeforeFirstRun());
    }

    @Test
    void the_first_run_applies_every_migration_of_the_three_modules_in_order() {
        assertTrue(database.firstRun().success);
        List<String> applied = database.firstRun().migrations.stream().map((MigrateOutput m) -> m.filepath)
                .map(path -> path.substring(path.lastIndexOf('/') + 1)).toList();
        assertEquals(database.firstRun().migrationsExecuted, applied.size());
        assertTrue(applied.size() >= 3, applied::toString);
        assertEquals(List.of(
                "V202611230800__conversation_schema.sql",
                "V202611230810__ticketing_schema.sql",
                "V202611230820__tracing_schema.sql"), applied.subList(0, 3));
    }

    @Test
    void a_second_run_is_a_no_op() {
        assertTrue(database.secondRun().success);
        assertEquals(0, database.secondRun().migrationsExecuted);
    }

    @Test
    void one_history_holds_every_module_and_every_migration_succeeded() {
        MigrationInfo[] all = database.flyway().info().all();
        assertTrue(all.length >= 3);
        assertTrue(Arrays.stream(all).allMatch(m -> m.getState() == MigrationState.SUCCESS),
                () -> Arrays.stream(all).map(m -> m.getScript() + " " + m.getState()).toList().toString());
        assertEquals(0, database.flyway().info().pending().length);
    }

    @Test
    void every_migration_is_named_for_its_module_and_lives_in_that_modules_folder() {
        for (MigrationInfo migration : database.flyway().info().all()) {
            Matcher name = MIGRATION_NAME.matcher(migration.getScript());
            assertTrue(name.matches(), migration.getScript() + " is not V<yyyyMMddHHmm>__<module>_<what>.sql");
            assertTrue(migration.getPhysicalLocation().replace('\\', '/').contains("/db/migration/" + name.group(1) + "/"),
                    migration.getScript() + " lives in " + migration.getPhysicalLocation());
        }
    }
}
