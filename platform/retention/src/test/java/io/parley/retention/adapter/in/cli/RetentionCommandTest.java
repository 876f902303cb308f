package io.parley.retention.adapter.in.cli;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.retention.adapter.out.lock.AnotherInstance;
import io.parley.retention.api.RetentionCommand;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parley retention [--dry-run]}: one run in a process of its own (no HTTP server), the report on stdout,
 * and an exit code a cron or Kubernetes job can act on. Each call starts its own application context against
 * the test database, with the real clock, as the deployable would.
 */
@MicronautTest(transactional = false)
class RetentionCommandTest implements PostgresBacked {

    /** Expired by any real clock. */
    static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06Z");

    @Inject
    JsonMapper json;

    @Test
    void a_dry_run_prints_the_report_and_purges_nothing() throws IOException {
        UUID expired = closedConversation(null, LONG_AGO, LONG_AGO.plusSeconds(60));
        var out = new ByteArrayOutputStream();

        int exit = RetentionCommand.run(new String[]{"--dry-run"}, RetentionCommandTest::properties, print(out));

        assertEquals(RetentionCommand.DONE, exit);
        Map<String, Object> report = json.readValue(out.toString(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
        assertEquals(true, report.get("dry_run"));
        assertTrue(report.containsKey("tables"), report::toString);
        assertTrue(exists("conversation.conversations", expired));
    }

    @Test
    void a_run_purges_and_exits_0() throws IOException {
        UUID expired = closedConversation(null, LONG_AGO, LONG_AGO.plusSeconds(60));
        var out = new ByteArrayOutputStream();

        int exit = RetentionCommand.run(new String[0], RetentionCommandTest::properties, print(out));

        assertEquals(RetentionCommand.DONE, exit);
        assertFalse(exists("conversation.conversations", expired));
        Map<String, Object> report = json.readValue(out.toString(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
        assertEquals(false, report.get("dry_run"));
    }

    @Test
    void another_instance_holding_the_lock_exits_3_and_touches_nothing() throws SQLException {
        UUID expired = closedConversation(null, LONG_AGO, LONG_AGO.plusSeconds(60));
        var out = new ByteArrayOutputStream();
        int exit;
        try (Connection otherInstance = TestDatabase.connect()) {
            AnotherInstance.takesTheLock(otherInstance);

            exit = RetentionCommand.run(new String[0], RetentionCommandTest::properties, print(out));
        }

        assertEquals(RetentionCommand.LOCKED, exit);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(exists("conversation.conversations", expired));
    }

    @Test
    void an_unknown_argument_is_a_usage_error() {
        var out = new ByteArrayOutputStream();
        assertEquals(RetentionCommand.USAGE, RetentionCommand.run(new String[]{"--dry"}, () -> {
            throw new AssertionError("a usage error starts no database");
        }, print(out)));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_database_that_cannot_be_reached_exits_1() {
        Map<String, Object> properties = properties();
        properties.put("parley.database.url", "jdbc:postgresql://127.0.0.1:1/nothing");
        properties.put("datasources.default.connection-timeout", "250");

        assertEquals(RetentionCommand.FAILED, RetentionCommand.run(new String[0], () -> properties, print(new ByteArrayOutputStream())));
    }

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.retention.pause", "0s");
        return properties;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
