package io.parley.tracing.adapter.out.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md "an index for every query the API runs": the plans of the adapters' own SQL use
 * the tracing indexes. Sequential scans are priced out so that a near-empty table still shows which
 * index the query can use (a plan that could only scan the table would still show a Seq Scan).
 *
 * <p>Both tables are partitioned by {@code created_at} (issue 18). A plan names each partition's own index
 * ({@code agent_traces_p20261205_conversation_id_started_at_idx}); {@link #plan} writes it as the partitioned
 * index it belongs to, so the assertions name the indexes of the migration. A conversation's or a message's
 * traces have no time window: they visit every partition, each through its index. The statistics have one:
 * they are planned over the partitions of their window only, with the window's values (a custom plan) and with
 * parameters (the generic plan a prepared statement may end with: pruned when the executor starts).
 */
@MicronautTest // started for its Flyway migration; the plans are read over plain JDBC
class TracingQueryPlanTest implements PostgresBacked {

    static final UUID ID = UUID.fromString("0193a1b2-0000-7000-8000-000000000001");
    /** Partitions made for the pruning tests, far from the days other tests write (and dropped after). */
    static final String[] DAYS = {"20310302", "20310303", "20310304"};

    private static final Pattern RELATION = Pattern.compile(" on (\\w+)");

    @BeforeAll
    void windowPartitions() throws SQLException {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (String day : DAYS) {
                String from = day.substring(0, 4) + "-" + day.substring(4, 6) + "-" + day.substring(6) + " 00:00:00+00";
                statement.execute("CREATE TABLE tracing.api_requests_p" + day + " PARTITION OF tracing.api_requests"
                        + " FOR VALUES FROM ('" + from + "') TO (timestamptz '" + from + "' + interval '1 day')");
            }
        }
    }

    @AfterAll
    void dropWindowPartitions() throws SQLException {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (String day : DAYS) {
                statement.execute("DROP TABLE IF EXISTS tracing.api_requests_p" + day);
            }
        }
    }

    /** The plan, with every partition's index written as the partitioned index it is attached to. */
    static String plan(String sql, Object... parameters) throws SQLException {
        return plan(false, sql, parameters);
    }

    /**
     * {@code generic}: the statement is PREPAREd and its generic plan EXPLAINed for the values (parameters are
     * then unknown to the planner, as in a plan PostgreSQL caches for a prepared statement); otherwise the
     * values are bound and planned with (a custom plan).
     */
    static String plan(boolean generic, String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestDatabase.connect()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off");
                if (generic) {
                    settings.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                    settings.execute("PREPARE planned AS " + numbered(sql));
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(generic ? "EXPLAIN EXECUTE planned(" + literals(parameters) + ")" : "EXPLAIN " + sql)) {
                for (int i = 0; !generic && i < parameters.length; i++) {
                    Object parameter = parameters[i];
                    if (parameter instanceof UUID[] ids) {
                        statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
                    } else {
                        statement.setObject(i + 1, parameter);
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return asPartitionedIndexes(connection, plan.toString());
            } finally {
                connection.rollback();
            }
        }
    }

    /** JDBC's {@code ?} as PREPARE's {@code $1, $2, ...} (the adapters' statements have no {@code ?} of their own). */
    static String numbered(String sql) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        return numbered.toString();
    }

    private static String literals(Object... parameters) {
        StringBuilder literals = new StringBuilder();
        for (Object parameter : parameters) {
            literals.append(literals.length() == 0 ? "" : ", ");
            if (parameter instanceof OffsetDateTime at) {
                literals.append("timestamptz '").append(at).append("'");
            } else if (parameter instanceof Integer number) {
                literals.append(number);
            } else {
                literals.append("'").append(parameter.toString().replace("'", "''")).append("'");
            }
        }
        return literals.toString();
    }

    private static String asPartitionedIndexes(Connection connection, String plan) throws SQLException {
        Map<String, String> parents = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT c.relname, p.relname FROM pg_inherits i
                  JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE c.relkind = 'i' AND p.relkind = 'I' AND c.relnamespace = 'tracing'::regnamespace
                """)) {
            while (rows.next()) {
                parents.put(rows.getString(1), rows.getString(2));
            }
        }
        String result = plan;
        for (String child : parents.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
            result = result.replace(child, parents.get(child));
        }
        return result;
    }

    /**
     * The partitions of {@code table} the plan reads. A bitmap index scan names its index after "on" (the
     * planner picks one once the shared test database holds enough rows): index names are not partitions.
     */
    static Set<String> partitions(String plan, String table) {
        Set<String> partitions = new TreeSet<>();
        Matcher relation = RELATION.matcher(plan);
        while (relation.find()) {
            String name = relation.group(1);
            if (name.startsWith(table + "_") && !name.endsWith("_idx") && !name.endsWith("_pkey") && !name.endsWith("_key")) {
                partitions.add(name);
            }
        }
        return partitions;
    }

    static Set<String> allPartitions(String table) throws SQLException {
        Set<String> partitions = new TreeSet<>();
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ?::regclass")) {
            statement.setString(1, "tracing." + table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    partitions.add(rows.getString(1));
                }
            }
        }
        return partitions;
    }

    @Test
    void a_conversations_spans_are_read_through_the_conversation_index() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.BY_CONVERSATION, ID, 2001);

        assertTrue(plan.contains("agent_traces_conversation_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        assertEquals(allPartitions("agent_traces"), partitions(plan, "agent_traces"), "no time window: every partition, each by its index");
    }

    @Test
    void a_messages_conversations_are_found_through_the_message_index() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.CONVERSATIONS_OF_MESSAGE, ID);

        assertTrue(plan.contains("agent_traces_message_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void a_messages_traces_are_read_through_the_message_and_trace_indexes() throws SQLException {
        String plan = plan(SpanPersistenceAdapter.TRACES_OF_MESSAGE, ID, new UUID[]{ID}, 2001);

        assertTrue(plan.contains("agent_traces_message_idx"), plan);
        assertTrue(plan.contains("agent_traces_trace_idx") || plan.contains("agent_traces_conversation_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void one_endpoints_statistics_are_a_range_of_the_endpoint_index() throws SQLException {
        String plan = plan(ApiRequestStatsReader.ONE_ENDPOINT, "/api/v1/traces", OffsetDateTime.parse("2026-11-22T00:00:00Z"),
                OffsetDateTime.parse("2026-11-23T00:00:00Z"));

        assertTrue(plan.contains("api_requests_endpoint_created_idx"), plan);
        assertTrue(plan.contains("endpoint = ") && plan.contains("created_at >= "), "both bounds in the index condition:\n" + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void every_endpoints_statistics_walk_the_endpoint_index_without_touching_the_heap() throws SQLException {
        OffsetDateTime from = OffsetDateTime.parse("2026-11-22T00:00:00Z");
        OffsetDateTime to = OffsetDateTime.parse("2026-11-23T00:00:00Z");
        String plan = plan(ApiRequestStatsReader.EVERY_ENDPOINT, from, to, from, to, from, to);

        assertTrue(plan.contains("Index Only Scan using api_requests_endpoint_created_idx"), plan);
        assertFalse(plan.contains("api_requests_created_idx"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void one_endpoints_statistics_read_only_the_partitions_of_their_window() throws SQLException {
        OffsetDateTime from = OffsetDateTime.parse("2031-03-02T12:00:00Z");
        OffsetDateTime to = OffsetDateTime.parse("2031-03-03T12:00:00Z");
        Set<String> window = Set.of("api_requests_p20310302", "api_requests_p20310303");

        String custom = plan(ApiRequestStatsReader.ONE_ENDPOINT, "/api/v1/traces", from, to);
        String generic = plan(true, ApiRequestStatsReader.ONE_ENDPOINT, "/api/v1/traces", from, to);

        assertEquals(window, partitions(custom, "api_requests"), custom);
        assertEquals(window, partitions(generic, "api_requests"), generic);
        assertTrue(generic.contains("Subplans Removed"), "pruned when the executor starts:\n" + generic);
        assertTrue(allPartitions("api_requests").size() > window.size() + 2, "there was something to prune");
    }

    @Test
    void every_endpoints_statistics_read_only_the_partitions_of_their_window_the_skip_scan_too() throws SQLException {
        OffsetDateTime from = OffsetDateTime.parse("2031-03-03T00:00:00Z");
        OffsetDateTime to = OffsetDateTime.parse("2031-03-04T00:00:00Z");

        String custom = plan(ApiRequestStatsReader.EVERY_ENDPOINT, from, to, from, to, from, to);
        String generic = plan(true, ApiRequestStatsReader.EVERY_ENDPOINT, from, to, from, to, from, to);

        assertEquals(Set.of("api_requests_p20310303"), partitions(custom, "api_requests"), custom);
        assertEquals(Set.of("api_requests_p20310303"), partitions(generic, "api_requests"), generic);
        assertFalse(custom.contains("api_requests_default"), "a window its partitions cover needs no default partition");
    }
}
