package io.parley.app.schema;

import io.parley.app.support.OwnDatabase;
import io.parley.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, "a Flyway migration that moves existing rows": a database migrated to the version before the
 * partitioning, filled with 60 days of spans and request log lines, then migrated to the end. Every row is
 * still there with every column as it was (the generated duration computed again to the same value), in the
 * partition of its day, or in the history partition when older than the 31 days that get daily partitions;
 * every span id is registered; and a conversation's erasure still takes its spans, from every partition.
 */
class TracePartitionMigrationTest {

    static final MigrationVersion PARTITIONS = MigrationVersion.fromVersion("202612050917");

    static final String SPAN_COLUMNS = "id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type, name, status,"
            + " started_at, ended_at, duration_ms, input_tokens, output_tokens, cost_usd, model, payload, error, created_at";
    static final String REQUEST_COLUMNS = "id, endpoint, method, status_code, latency_ms, caller_kind, created_at";

    static final OwnDatabase DB = OwnDatabase.create("migration");

    static String spansBefore;
    static String requestsBefore;
    static MigrateResult rest;
    static String spansAfter;
    static String requestsAfter;

    static Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(DB.url(), TestDatabase.user(), TestDatabase.password())
                .locations(MigratedDatabase.LOCATIONS.toArray(String[]::new));
        return (target == null ? configuration : configuration.target(target)).load();
    }

    /** Every row's columns as text, in id order: equal text, equal rows. */
    static String rows(String table, String columns) {
        return String.join("\n", DB.strings("SELECT concat_ws('|', " + columns + ") FROM " + table + " ORDER BY id"));
    }

    @BeforeAll
    static void migrateAroundTheData() {
        // the last migration before the partitioning, whichever module it belongs to
        String before = Arrays.stream(flyway(null).info().all()).map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(PARTITIONS) < 0).max(Comparator.naturalOrder()).orElseThrow().getVersion();
        assertTrue(flyway(before).migrate().success);
        assertEquals("", String.join(",", DB.strings(
                "SELECT relname FROM pg_class WHERE relname = 'agent_trace_ids'")), "not yet partitioned");
        DB.execute("""
                INSERT INTO conversation.conversations (id, session_id)
                SELECT ('00000000-0000-7000-8000-0000000000' || lpad(c::text, 2, '0'))::uuid, 'migration-test-conversation-' || c
                  FROM generate_series(1, 3) c;
                INSERT INTO conversation.messages (id, conversation_id, seq, role, content)
                VALUES ('00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-000000000001', 1, 'user', 'hello');
                -- 61 days of spans, three conversations, a few columns NULL, one span open
                INSERT INTO tracing.agent_traces (id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type,
                                                  name, status, started_at, ended_at, input_tokens, output_tokens, cost_usd, model,
                                                  payload, error, created_at)
                SELECT gen_random_uuid(), gen_random_uuid(), CASE WHEN d % 2 = 0 THEN gen_random_uuid() END,
                       ('00000000-0000-7000-8000-0000000000' || lpad((d % 3 + 1)::text, 2, '0'))::uuid,
                       CASE WHEN d % 3 = 0 THEN '00000000-0000-7000-8000-0000000000a1'::uuid END,
                       'router', 'llm_call', 'answer ' || d, CASE WHEN d % 5 = 0 THEN 'error' ELSE 'ok' END,
                       now() - d * interval '1 day' - interval '3 seconds',
                       CASE WHEN d <> 7 THEN now() - d * interval '1 day' - interval '1.25 seconds' END,
                       d, 2 * d, d / 1000.0, 'model-' || d, jsonb_build_object('day', d), CASE WHEN d % 5 = 0 THEN 'timeout' END,
                       now() - d * interval '1 day'
                  FROM generate_series(0, 60) d;
                INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)
                SELECT gen_random_uuid(), '/api/v1/endpoint/' || (d % 4), 'GET', 200 + d, d * 1.5, 'user', now() - d * interval '1 day'
                  FROM generate_series(0, 60) d;
                """);
        spansBefore = rows("tracing.agent_traces", SPAN_COLUMNS);
        requestsBefore = rows("tracing.api_requests", REQUEST_COLUMNS);

        rest = flyway(null).migrate();
        // read now: the erasure test deletes rows
        spansAfter = rows("tracing.agent_traces", SPAN_COLUMNS);
        requestsAfter = rows("tracing.api_requests", REQUEST_COLUMNS);
    }

    @Test
    void the_partitioning_migration_ran_on_the_data() {
        assertTrue(rest.success);
        assertTrue(rest.migrations.stream().anyMatch(m -> m.filepath.endsWith("V202612050917__tracing_time_partitions.sql")),
                () -> rest.migrations.stream().map(m -> m.filepath).toList().toString());
        assertEquals(0, flyway(null).info().pending().length);
    }

    @Test
    void every_row_is_still_there_as_it_was() {
        assertEquals(61, spansBefore.lines().count());
        assertEquals(spansBefore, spansAfter);
        assertEquals(requestsBefore, requestsAfter);
    }

    @Test
    void each_row_lies_in_the_partition_of_its_day_or_in_the_history_partition_when_older_than_31_days() {
        for (String table : List.of("agent_traces", "api_requests")) {
            assertEquals(List.of(), DB.strings("""
                    SELECT id::text || ' in ' || tableoid::regclass::text FROM tracing.%1$s
                     WHERE tableoid::regclass::text <> CASE
                             WHEN created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '31 days'
                             THEN 'tracing.%1$s_history'
                             ELSE 'tracing.%1$s_p' || to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDD') END
                    """.formatted(table)), table);
            assertEquals(0L, DB.count("SELECT count(*) FROM tracing." + table + " WHERE created_at >= now() - interval '31 days'"
                    + " AND tableoid = 'tracing." + table + "_history'::regclass"), "the last 31 days have daily partitions");
            assertEquals(0L, DB.count("SELECT count(*) FROM tracing." + table + "_default"));
        }
    }

    @Test
    void every_span_id_is_registered_and_erasure_still_takes_the_spans_from_every_partition() {
        assertEquals(61L, DB.count("SELECT count(*) FROM tracing.agent_trace_ids i JOIN tracing.agent_traces t USING (id)"));
        long spansOfOne = DB.count("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = '00000000-0000-7000-8000-000000000002'");
        assertTrue(DB.count("SELECT count(DISTINCT tableoid) FROM tracing.agent_traces WHERE conversation_id = '00000000-0000-7000-8000-000000000002'") > 2);

        DB.execute("DELETE FROM conversation.conversations WHERE id = '00000000-0000-7000-8000-000000000002'");

        assertEquals(0L, DB.count("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = '00000000-0000-7000-8000-000000000002'"));
        assertEquals(61L - spansOfOne, DB.count("SELECT count(*) FROM tracing.agent_trace_ids"), "the erased spans gave their ids back");
        assertEquals(61L - spansOfOne, DB.count("SELECT count(*) FROM tracing.agent_traces"));
    }
}
