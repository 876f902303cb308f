package io.parley.tracing.adapter.out.persistence;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.parley.app.support.OwnDatabase;
import io.parley.testing.MutableClock;
import io.parley.tracing.application.port.in.CreatePartitionsAheadUseCase;
import io.parley.tracing.application.port.out.SaveSpansPort;
import io.parley.tracing.domain.OperationType;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanStatus;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, partitions created ahead and span ids still unique: the job's use case creates the partitions from the
 * day in progress to three days ahead, a second run and a concurrent run create nothing twice, rows that landed in
 * the default partition move into the partition made for them, and a span id stored in any partition is a
 * duplicate, concurrent inserts included. Over a database of its own: these tests create partitions (in 2031, far
 * from the days the service writes) that other test classes should not see.
 */
@MicronautTest(transactional = false)
class TracePartitionsTest implements TestPropertyProvider {

    static final OwnDatabase DB = OwnDatabase.create("partitions");

    final MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:00Z"));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    CreatePartitionsAheadUseCase partitions;
    @Inject
    SaveSpansPort spans;
    @Inject
    TransactionOperations<Connection> transactions;

    UUID conversation;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = DB.properties();
        properties.put("parley.tracing.partitions.enabled", "false"); // the tests run the use case themselves
        properties.put("parley.tracing.partitions.lock-timeout", "30s"); // the concurrency test holds a lock for a while
        return properties;
    }

    @BeforeAll
    void conversation() {
        conversation = UUID.randomUUID();
        DB.execute("INSERT INTO conversation.conversations (id, session_id) VALUES (?, ?)", conversation, "partitions-test-" + conversation);
    }

    /** Partition name and range (in UTC), for partitions whose name starts with the prefix. */
    static List<String> partitionsNamed(String prefix) {
        return DB.strings("""
                SELECT c.relname || ' ' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' ||
                       to_char(upper_bound AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                  FROM pg_class c
                 CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
                 CROSS JOIN LATERAL (SELECT (regexp_match(b.bound, 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower_bound,
                                            (regexp_match(b.bound, 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper_bound) r
                 WHERE c.relispartition AND c.relkind = 'r' AND c.relname LIKE ? ORDER BY c.relname
                """, prefix + "%");
    }

    UUID storedSpan(Instant createdAt) {
        UUID id = UUID.randomUUID();
        DB.execute("INSERT INTO tracing.agent_trace_ids (id) VALUES (?)", id);
        DB.execute("""
                INSERT INTO tracing.agent_traces (id, trace_id, conversation_id, agent_type, operation_type, name, status, started_at, created_at)
                VALUES (?, ?, ?, 'router', 'llm_call', 'answer', 'ok', ?, ?)
                """, id, UUID.randomUUID(), conversation, createdAt.atOffset(ZoneOffset.UTC), createdAt.atOffset(ZoneOffset.UTC));
        return id;
    }

    Span span(UUID id) {
        return new Span(id, UUID.randomUUID(), null, conversation, null, "router", OperationType.LLM_CALL, "answer",
                SpanStatus.OK, Instant.parse("2026-12-05T10:00:00Z"), null, null, null, null, null, Map.of("k", "v"), null);
    }

    int insert(Span... batch) {
        return transactions.executeWrite(status -> spans.insertNew(List.of(batch)));
    }

    @Test
    void the_partitions_from_today_to_three_days_ahead_are_created_once() {
        clock.set(Instant.parse("2031-03-10T04:00:00Z"));

        List<String> created = partitions.createAhead();

        assertEquals(List.of("agent_traces_p20310310", "agent_traces_p20310311", "agent_traces_p20310312", "agent_traces_p20310313",
                "api_requests_p20310310", "api_requests_p20310311", "api_requests_p20310312", "api_requests_p20310313"), created);
        assertEquals(List.of(
                "agent_traces_p20310310 2031-03-10 00:00 2031-03-11 00:00",
                "agent_traces_p20310311 2031-03-11 00:00 2031-03-12 00:00",
                "agent_traces_p20310312 2031-03-12 00:00 2031-03-13 00:00",
                "agent_traces_p20310313 2031-03-13 00:00 2031-03-14 00:00"), partitionsNamed("agent_traces_p203103"));
        assertEquals(List.of(), partitions.createAhead(), "idempotent: nothing is missing any more");
        clock.set(Instant.parse("2031-03-11T04:00:00Z"));
        assertEquals(List.of("agent_traces_p20310314", "api_requests_p20310314"), partitions.createAhead(), "a day later, one more day");

        // a partition made by ATTACH carries everything of its table: indexes, foreign keys, checks, generated column
        assertEquals(List.of(), DB.strings("SELECT relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid"
                + " WHERE c.relkind = 'I' AND NOT i.indisvalid"), "every partitioned index is on every partition");
        assertEquals(5L, DB.count("SELECT count(*) FROM pg_index WHERE indrelid = 'tracing.agent_traces_p20310312'::regclass"));
        assertEquals(2L, DB.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'tracing.agent_traces_p20310312'::regclass"
                + " AND contype = 'f'"));
        assertEquals(12L, DB.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'tracing.agent_traces_p20310312'::regclass"
                + " AND contype = 'c'"));
        assertEquals("s", DB.strings("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'tracing.agent_traces_p20310312'::regclass"
                + " AND attname = 'duration_ms'").get(0));
    }

    /**
     * Two instances at once: both wait on the advisory lock held here, then take turns; each partition is made
     * by one of them, and neither fails.
     */
    @Test
    void two_runs_at_once_make_each_partition_once() throws Exception {
        clock.set(Instant.parse("2031-04-10T04:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = DB.connect()) {
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, 1), pg_advisory_lock(?, 2)")) {
                lock.setInt(1, TimePartitions.ADVISORY_KEY);
                lock.setInt(2, TimePartitions.ADVISORY_KEY);
                lock.execute();
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return partitions.createAhead();
                }));
            }
            start.countDown();
            while (DB.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = ?",
                    TimePartitions.ADVISORY_KEY) < 2 && !runs.stream().allMatch(Future::isDone)) {
                Thread.sleep(20);
            }
            try (PreparedStatement unlock = holder.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            }
            List<String> made = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                made.addAll(run.get(60, TimeUnit.SECONDS));
            }
            assertEquals(8, made.size(), made::toString);
            assertEquals(8, new HashSet<>(made).size(), "no partition made twice: " + made);
            assertEquals(4, partitionsNamed("agent_traces_p203104").size());
            assertEquals(4, partitionsNamed("api_requests_p203104").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rows_that_landed_in_the_default_partition_move_into_the_partition_made_for_them() {
        UUID span = storedSpan(Instant.parse("2031-05-11T10:00:00Z"));
        UUID request = UUID.randomUUID();
        DB.execute("INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)"
                + " VALUES (?, '/api/v1/traces', 'POST', 202, 3.5, 'service', timestamptz '2031-05-13T23:59:59.999999Z')", request);
        String spanBefore = DB.strings("SELECT t::text FROM tracing.agent_traces t WHERE id = ?", span).get(0);
        assertEquals("tracing.agent_traces_default", DB.strings("SELECT tableoid::regclass::text FROM tracing.agent_traces WHERE id = ?", span).get(0));

        clock.set(Instant.parse("2031-05-10T12:00:00Z"));
        partitions.createAhead();

        assertEquals("tracing.agent_traces_p20310511", DB.strings("SELECT tableoid::regclass::text FROM tracing.agent_traces WHERE id = ?", span).get(0));
        assertEquals(spanBefore, DB.strings("SELECT t::text FROM tracing.agent_traces t WHERE id = ?", span).get(0), "moved as it was");
        assertEquals("tracing.api_requests_p20310513", DB.strings("SELECT tableoid::regclass::text FROM tracing.api_requests WHERE id = ?", request).get(0));
        assertEquals(0L, DB.count("SELECT count(*) FROM tracing.agent_traces_default WHERE created_at >= '2031-05-10' AND created_at < '2031-05-14'"));
        assertEquals(1L, DB.count("SELECT count(*) FROM tracing.agent_trace_ids WHERE id = ?", span), "a moved span keeps its id claimed");
    }

    @Test
    void a_span_id_stored_in_another_partition_is_a_duplicate_and_a_deleted_one_is_new_again() {
        clock.set(Instant.parse("2031-06-20T04:00:00Z"));
        partitions.createAhead();
        UUID id = UUID.randomUUID();
        assertEquals(1, insert(span(id)));
        // the span was stored today; days later (another partition) the client sends it again
        DB.execute("UPDATE tracing.agent_traces SET created_at = '2031-06-21T08:00:00Z' WHERE id = ?", id);
        assertEquals("tracing.agent_traces_p20310621", DB.strings("SELECT tableoid::regclass::text FROM tracing.agent_traces WHERE id = ?", id).get(0));

        assertEquals(0, insert(span(id)), "a duplicate");
        assertEquals(1, insert(span(id), span(UUID.randomUUID()), span(id)), "one new span, two duplicates");
        assertEquals(1L, DB.count("SELECT count(*) FROM tracing.agent_traces WHERE id = ?", id));

        DB.execute("DELETE FROM tracing.agent_traces WHERE id = ?", id);
        assertEquals(1, insert(span(id)), "a span gone is no longer known, as when the id was the primary key");
    }

    @Test
    void an_id_repeated_in_one_batch_is_stored_once() {
        UUID id = UUID.randomUUID();
        assertEquals(1, insert(span(id), span(id)));
        assertEquals(1L, DB.count("SELECT count(*) FROM tracing.agent_traces WHERE id = ?", id));
    }

    /** The second of two concurrent inserts of one id waits for the first and then counts it as a duplicate. */
    @Test
    void of_two_concurrent_inserts_of_one_span_id_one_stores_it_and_the_other_counts_a_duplicate() throws Exception {
        UUID id = UUID.randomUUID();
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        // two threads of its own: the common pool may have a single thread, which the first insert holds while it waits
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> transactions.executeWrite(status -> {
            int stored = spans.insertNew(List.of(span(id)));
            firstInserted.countDown();
            commitFirst.await();
            return stored;
        }), threads);
        assertTrue(firstInserted.await(30, TimeUnit.SECONDS));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> insert(span(id)), threads);
        // until the second waits for the first's claim (or, were the claim gone, has already stored the span again)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (DB.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%agent_trace_ids%'") == 0
                && !second.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        commitFirst.countDown();

        assertEquals(1, first.get(30, TimeUnit.SECONDS));
        assertEquals(0, second.get(30, TimeUnit.SECONDS));
        assertEquals(1L, DB.count("SELECT count(*) FROM tracing.agent_traces WHERE id = ?", id));
        Set<String> where = new HashSet<>(DB.strings("SELECT tableoid::regclass::text FROM tracing.agent_traces WHERE id = ?", id));
        assertEquals(1, where.size());
        } finally {
            threads.shutdownNow();
        }
    }
}
