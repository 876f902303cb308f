package io.parley.tracing.adapter.out.persistence;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.parley.app.support.OwnDatabase;
import io.parley.testing.MutableClock;
import io.parley.tracing.api.TraceRetention;
import io.parley.tracing.application.port.in.CreatePartitionsAheadUseCase;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.application.port.out.PurgeTracesPort;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.ToLongBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, retention by partition: every partition entirely before the cutoff goes whole, its rows counted
 * exactly; only the partition that straddles the cutoff (and the default partition, for old rows that landed
 * there) loses rows one by one, trimmed to the second; the report counts what went; a dry run counts the same
 * and changes nothing; a partition that stays busy beyond the lock timeout is left whole, nothing half done.
 * The retention job calls {@link TraceRetention} as these tests do: again while a call reports at least its
 * limit.
 *
 * <p>Over a database of its own (retention drops partitions, which no rollback undoes). Each test works in a
 * month of 2031 of its own and first removes everything older, so the tests hold in any order.
 */
@MicronautTest(transactional = false)
class TracePartitionRetentionTest implements TestPropertyProvider {

    static final OwnDatabase DB = OwnDatabase.create("retention");
    static final int LIMIT = 2;

    final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    TraceRetention retention;
    @Inject
    PurgeTracesPort storage;
    @Inject
    CreatePartitionsAheadUseCase partitions;

    UUID conversation;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = DB.properties();
        properties.put("parley.tracing.partitions.enabled", "false");
        properties.put("parley.tracing.partitions.ahead-days", "4");
        return properties;
    }

    @BeforeAll
    void conversation() {
        conversation = UUID.randomUUID();
        DB.execute("INSERT INTO conversation.conversations (id, session_id) VALUES (?, ?)", conversation, "retention-test-" + conversation);
    }

    /** Clears everything before {@code start}, then makes the partitions of the five days from it. */
    void month(String start) {
        Instant first = Instant.parse(start);
        untilShort(retention::deleteSpansCreatedBefore, first);
        untilShort(retention::deleteRequestsCreatedBefore, first);
        clock.set(first);
        partitions.createAhead();
    }

    /** What the retention job does for a policy: calls until a call reports fewer than its limit; the total. */
    static long untilShort(ToLongBiFunction<Instant, Integer> delete, Instant cutoff) {
        long total = 0;
        long batch;
        do {
            batch = delete.applyAsLong(cutoff, LIMIT);
            total += batch;
        } while (batch >= LIMIT);
        return total;
    }

    UUID span(String createdAt) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse(createdAt);
        DB.execute("INSERT INTO tracing.agent_trace_ids (id) VALUES (?)", id);
        DB.execute("""
                INSERT INTO tracing.agent_traces (id, trace_id, conversation_id, agent_type, operation_type, name, status, started_at, created_at)
                VALUES (?, ?, ?, 'router', 'llm_call', 'answer', 'ok', ?, ?)
                """, id, UUID.randomUUID(), conversation, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
        return id;
    }

    UUID request(String createdAt) {
        UUID id = UUID.randomUUID();
        DB.execute("INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)"
                + " VALUES (?, '/api/v1/chat', 'POST', 200, 12.5, 'guest', ?)", id, Instant.parse(createdAt).atOffset(ZoneOffset.UTC));
        return id;
    }

    static Set<String> partitionsOf(String table) {
        return new TreeSet<>(DB.strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = ?::regclass", "tracing." + table));
    }

    static String where(String table, UUID id) {
        List<String> found = DB.strings("SELECT tableoid::regclass::text FROM tracing." + table + " WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void whole_partitions_before_the_cutoff_go_and_the_straddling_one_is_trimmed_to_the_second() {
        month("2031-06-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-06-03T12:00:00Z");
        List<UUID> expired = new ArrayList<>(List.of(
                span("2031-06-01T10:00:00Z"), span("2031-06-01T11:00:00Z"), span("2031-06-01T23:59:59.999999Z"),
                span("2031-06-02T00:00:00Z"), span("2031-06-02T18:00:00Z"),
                span("2031-06-03T00:00:00Z"), span("2031-06-03T11:59:59Z"),
                span("2030-01-01T00:00:00Z")));  // older than every partition: in the default partition
        UUID atCutoff = span("2031-06-03T12:00:00Z");
        UUID secondAfter = span("2031-06-03T12:00:01Z");
        UUID nextDay = span("2031-06-04T09:00:00Z");
        UUID farAhead = span("2040-01-01T00:00:00Z"); // the default partition too, but young
        assertEquals("tracing.agent_traces_default", where("agent_traces", expired.get(7)));
        assertEquals(8, retention.countSpansCreatedBefore(cutoff), "exactly the eight rows before the cutoff are to go");

        long reported = untilShort(retention::deleteSpansCreatedBefore, cutoff);

        assertEquals(8, reported, "the report counts every row that went, dropped partitions included");
        for (UUID id : expired) {
            assertEquals(null, where("agent_traces", id));
            assertEquals(0L, DB.count("SELECT count(*) FROM tracing.agent_trace_ids WHERE id = ?", id), "its id given back");
        }
        assertEquals("tracing.agent_traces_p20310603", where("agent_traces", atCutoff), "at the cutoff: stays");
        assertEquals("tracing.agent_traces_p20310603", where("agent_traces", secondAfter));
        assertEquals("tracing.agent_traces_p20310604", where("agent_traces", nextDay));
        assertEquals("tracing.agent_traces_default", where("agent_traces", farAhead));
        assertEquals(4L, DB.count("SELECT count(*) FROM tracing.agent_trace_ids WHERE id IN (?, ?, ?, ?)", atCutoff, secondAfter, nextDay, farAhead));
        Set<String> left = partitionsOf("agent_traces");
        assertFalse(left.contains("agent_traces_p20310601") || left.contains("agent_traces_p20310602"), "dropped whole: " + left);
        assertTrue(left.containsAll(Set.of("agent_traces_p20310603", "agent_traces_p20310604", "agent_traces_default")), left::toString);
        assertEquals("agent_traces_p20310603", left.stream().filter(p -> p.startsWith("agent_traces_p")).findFirst().orElseThrow(),
                "the straddling partition is now the oldest");
        assertEquals(0, retention.countSpansCreatedBefore(cutoff));
        assertEquals(0, untilShort(retention::deleteSpansCreatedBefore, cutoff), "a second run finds nothing");
    }

    @Test
    void the_request_log_goes_the_same_way() {
        month("2031-07-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-07-03T00:00:01Z");
        List<UUID> expired = List.of(request("2031-07-01T00:00:00Z"), request("2031-07-02T23:59:59.999999Z"),
                request("2031-07-03T00:00:00Z"));
        UUID atCutoff = request("2031-07-03T00:00:01Z");
        UUID after = request("2031-07-03T00:00:02Z");

        assertEquals(3, retention.countRequestsCreatedBefore(cutoff));
        assertEquals(3, untilShort(retention::deleteRequestsCreatedBefore, cutoff));

        expired.forEach(id -> assertEquals(null, where("api_requests", id)));
        assertEquals("tracing.api_requests_p20310703", where("api_requests", atCutoff));
        assertEquals("tracing.api_requests_p20310703", where("api_requests", after));
        assertFalse(partitionsOf("api_requests").contains("api_requests_p20310702"));
        assertTrue(partitionsOf("api_requests").contains("api_requests_p20310703"));
    }

    @Test
    void a_dry_run_counts_what_a_run_removes_and_drops_nothing() {
        month("2031-08-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-08-02T06:00:00Z");
        span("2031-08-01T01:00:00Z");
        span("2031-08-01T02:00:00Z");
        span("2031-08-02T05:59:59Z");
        span("2031-08-02T06:00:00Z");
        request("2031-08-01T01:00:00Z");
        Set<String> partitionsBefore = partitionsOf("agent_traces");
        long rowsBefore = DB.count("SELECT count(*) FROM tracing.agent_traces");

        long wouldGo = retention.countSpansCreatedBefore(cutoff);
        long requestsWouldGo = retention.countRequestsCreatedBefore(cutoff);

        assertEquals(3, wouldGo);
        assertEquals(1, requestsWouldGo);
        assertEquals(partitionsBefore, partitionsOf("agent_traces"), "nothing dropped");
        assertEquals(rowsBefore, DB.count("SELECT count(*) FROM tracing.agent_traces"), "nothing deleted");
        assertEquals(wouldGo, untilShort(retention::deleteSpansCreatedBefore, cutoff), "the real run removes what the dry run said");
        assertEquals(requestsWouldGo, untilShort(retention::deleteRequestsCreatedBefore, cutoff));
    }

    /**
     * The plans of the trim and of the count, the exact statements the adapter sends: once the expired partitions
     * are gone, the cutoff leaves PostgreSQL only the straddling partition and the default one to visit (a
     * custom plan prunes while planning; the generic plan of a prepared statement when the executor starts).
     */
    @Test
    void the_trim_and_the_count_visit_only_the_straddling_and_the_default_partition() throws SQLException {
        month("2031-09-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-09-03T12:00:00Z");
        storage.dropSpanPartitionsBefore(cutoff, new PartitionLocks(Duration.ofSeconds(5), 3, Duration.ofMillis(100)));
        storage.dropRequestPartitionsBefore(cutoff, new PartitionLocks(Duration.ofSeconds(5), 3, Duration.ofMillis(100)));
        assertTrue(partitionsOf("agent_traces").size() >= 4, "later partitions exist to be pruned: " + partitionsOf("agent_traces"));

        Set<String> straddling = Set.of("agent_traces_p20310903", "agent_traces_default");
        assertEquals(straddling, partitionsRead(false, TraceRetentionAdapter.TRIM_SPANS, "agent_traces", cutoff, cutoff, LIMIT));
        assertEquals(straddling, partitionsRead(true, TraceRetentionAdapter.TRIM_SPANS, "agent_traces", cutoff, cutoff, LIMIT));
        assertEquals(straddling, partitionsRead(false, TraceRetentionAdapter.COUNT_SPANS, "agent_traces", cutoff));
        assertEquals(Set.of("api_requests_p20310903", "api_requests_default"),
                partitionsRead(true, TraceRetentionAdapter.TRIM_REQUESTS, "api_requests", cutoff, cutoff, LIMIT));
        String plan = plan(true, TraceRetentionAdapter.TRIM_SPANS, cutoff, cutoff, LIMIT);
        assertTrue(plan.contains("Merge Append") && plan.contains("_created_at_idx")
                && plan.lines().map(String::trim).noneMatch(line -> line.matches("(->\\s+)?Sort\\s+\\(.*")),
                "oldest first by merging the created_at indexes, no sort:\n" + plan);
    }

    /** A reader holds the partition past the lock timeout: the call fails, and the partition, its rows and ids stay. */
    @Test
    void a_partition_busy_past_the_lock_timeout_stays_whole_and_the_next_run_takes_it() throws SQLException {
        month("2031-10-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-10-02T00:00:00Z");
        UUID id = span("2031-10-01T08:00:00Z");
        PartitionLocks impatient = new PartitionLocks(Duration.ofMillis(100), 2, Duration.ZERO);

        try (Connection reader = DB.connect()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("SELECT count(*) FROM tracing.agent_traces_p20311001");
            }
            RuntimeException refused = assertThrows(RuntimeException.class, () -> storage.dropSpanPartitionsBefore(cutoff, impatient));
            assertTrue(TimePartitions.lockRefused(refused), refused::toString);
            assertEquals("tracing.agent_traces_p20311001", where("agent_traces", id));
            assertEquals(1L, DB.count("SELECT count(*) FROM tracing.agent_trace_ids WHERE id = ?", id), "the id delete was rolled back");
            reader.rollback();
        }
        assertEquals(1, storage.dropSpanPartitionsBefore(cutoff, impatient));
        assertEquals(null, where("agent_traces", id));
        assertFalse(partitionsOf("agent_traces").contains("agent_traces_p20311001"));
    }

    /** Dropping needs the parent table to itself: while it is busy the emptied partition stays, reported once. */
    @Test
    void an_emptied_partition_the_parent_is_too_busy_to_drop_stays_until_the_next_run() throws SQLException {
        month("2031-11-01T00:00:00Z");
        Instant cutoff = Instant.parse("2031-11-02T00:00:00Z");
        span("2031-11-01T08:00:00Z");
        span("2031-11-01T09:00:00Z");
        PartitionLocks impatient = new PartitionLocks(Duration.ofMillis(100), 1, Duration.ZERO);

        try (Connection reader = DB.connect()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.execute("LOCK TABLE ONLY tracing.agent_traces IN ACCESS SHARE MODE");
            }
            assertEquals(2, storage.dropSpanPartitionsBefore(cutoff, impatient), "the rows went");
            assertTrue(partitionsOf("agent_traces").contains("agent_traces_p20311101"), "the empty partition stayed");
            reader.rollback();
        }
        assertEquals(0, storage.dropSpanPartitionsBefore(cutoff, impatient), "nothing counted twice");
        assertFalse(partitionsOf("agent_traces").contains("agent_traces_p20311101"));
    }

    /** The relations a plan scans (a DELETE's plan also lists every relation it may delete from: not those). */
    private static final Pattern SCANNED = Pattern.compile("(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?(?: using \\w+)? on (\\w+)");

    static Set<String> partitionsRead(boolean generic, String sql, String table, Object... parameters) throws SQLException {
        Set<String> read = new TreeSet<>();
        Matcher relation = SCANNED.matcher(plan(generic, sql, parameters));
        while (relation.find()) {
            if (relation.group(1).startsWith(table + "_") && !relation.group(1).endsWith("_idx")) { // not a Bitmap Index Scan's index
                read.add(relation.group(1));
            }
        }
        return read;
    }

    /** EXPLAIN with the values bound (custom plan) or of the statement PREPAREd (generic plan). */
    static String plan(boolean generic, String sql, Object... parameters) throws SQLException {
        try (Connection connection = DB.connect()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off");
                if (generic) {
                    settings.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                    settings.execute("PREPARE planned AS " + TracingQueryPlanTest.numbered(sql));
                }
            }
            StringBuilder values = new StringBuilder();
            for (Object parameter : parameters) {
                values.append(values.length() == 0 ? "" : ", ")
                        .append(parameter instanceof Instant at ? "timestamptz '" + at + "'" : parameter.toString());
            }
            try (PreparedStatement statement = connection.prepareStatement(generic ? "EXPLAIN EXECUTE planned(" + values + ")" : "EXPLAIN " + sql)) {
                for (int i = 0; !generic && i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i] instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : parameters[i]);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }
}
