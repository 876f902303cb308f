package io.parley.scale;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.domain.RetentionPolicy;
import io.parley.retention.domain.RetentionReport;
import io.parley.testing.RetentionFixtures;
import io.parley.testing.TestDatabase;
import io.parley.ticketing.FakeHelpdeskServer;
import io.parley.ticketing.TicketingApi;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase.DispatchReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Parley instances on one database, as behind a load balancer (docs/scaling.md): what must happen once in
 * the cluster happens once, whichever instances ask at the same moment.
 * <ul>
 *   <li>retention: both instances' runs start together; one runs, the other gets the lock-held outcome
 *       (the advisory lock is in PostgreSQL, not in either JVM) and every expired row goes in the one run;</li>
 *   <li>the handoff outbox: both instances' dispatchers drain it concurrently; each handoff reaches the helpdesk
 *       exactly once (the claim is {@code FOR UPDATE SKIP LOCKED} plus a lease);</li>
 *   <li>the agent queue: agents claiming on both instances at once; no ticket is given twice;</li>
 *   <li>appends to one conversation through both instances: each seq is given once, 1..n without a gap.</li>
 * </ul>
 * Each instance is a whole application context with its own connection pool, caches and schedulers; the only
 * thing they share is the database. Latches and barriers order the races; nothing sleeps.
 */
class OncePerClusterTest {

    static final String ADMIN = TestTokens.withRoles("scale-ops", "admin");
    static final Instant NOW = Instant.now();

    final FakeHelpdeskServer helpdesk = FakeHelpdeskServer.start();
    /** Seen by both instances' retention runs: holds whichever wins the lock after its first batch. */
    final Gate gate = new Gate();
    /** Threads of their own: the common pool has one thread on a 2-core machine, and the two runs must overlap. */
    final ExecutorService threads = Executors.newFixedThreadPool(2);
    EmbeddedServer first;
    EmbeddedServer second;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        // the schedulers are off: the test fires both instances' triggers itself, at the same moment
        properties.put("parley.retention.enabled", "false");
        properties.put("parley.retention.batch-size", "2");
        // the batches are timed on the real clock here: a budget no batch reaches keeps their sizes 1, 2, 2, … on a loaded machine
        properties.put("parley.retention.batch-budget", "1m");
        properties.put("parley.retention.pause", "0s");
        properties.put("parley.ticketing.handoff.dispatcher.enabled", "false");
        properties.put("parley.ticketing.handoff.dispatcher.batch-size", "3");
        properties.put("parley.ticketing.handoff.provider", "zendesk");
        properties.put("parley.ticketing.handoff.zendesk.base-url", helpdesk.baseUrl() + "/");
        properties.put("parley.ticketing.handoff.zendesk.email", "bot@parley.example");
        properties.put("parley.ticketing.handoff.zendesk.api-token", "zd-token-of-the-scale-test");
        first = instance(properties);
        second = instance(properties);
    }

    private EmbeddedServer instance(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .environments("test")
                .singletons(gate)
                .start();
        return context.getBean(EmbeddedServer.class).start();
    }

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @AfterAll
    void stop() {
        for (EmbeddedServer instance : new EmbeddedServer[] {first, second}) {
            if (instance != null) {
                instance.getApplicationContext().close();
            }
        }
        helpdesk.close();
        threads.shutdownNow();
    }

    private List<EmbeddedServer> instances() {
        return List.of(first, second);
    }

    private static <T> T bean(EmbeddedServer instance, Class<T> type) {
        return instance.getApplicationContext().getBean(type);
    }

    private static TestHttp http(EmbeddedServer instance) {
        return new TestHttp(instance.getURL(), bean(instance, JsonMapper.class));
    }

    @Test
    void retention_started_on_both_instances_at_once_runs_on_one_and_the_other_is_told_the_lock_is_held() throws Exception {
        bean(first, RunRetentionUseCase.class).run(RunRetentionCommand.REAL); // what earlier tests left expired
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant ended = NOW.minus(Duration.ofDays(200 + i));
            expired.add(RetentionFixtures.closedConversation(null, ended.minus(Duration.ofHours(1)), ended));
        }
        gate.closeAtFirstBatch();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<RetentionReport>> runs = instances().stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(together);
                    return bean(instance, RunRetentionUseCase.class).run(RunRetentionCommand.REAL);
                }, threads))
                .toList();

        // the loser answers at once while the winner is held at its first batch, lock in hand
        assertTrue(gate.reached.await(60, TimeUnit.SECONDS), "one run reached its first batch");
        ExecutionException skipped = assertThrows(ExecutionException.class,
                () -> CompletableFuture.anyOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS),
                "the first run to finish is the one that found the lock taken");
        assertInstanceOf(RetentionLockHeldException.class, skipped.getCause());
        // the operators' trigger on either instance gets the same answer while the run goes on
        for (EmbeddedServer instance : instances()) {
            TestHttp.Reply reply = http(instance).post("/api/v1/admin/retention/run?dry_run=false", ADMIN, null);
            assertEquals(409, reply.status(), reply::toString);
        }
        assertEquals(5, expired.stream().filter(id -> RetentionFixtures.exists("conversation.conversations", id)).count(),
                "held after its first batch, of one (oldest first; the time box starts at one conversation)");

        gate.open();
        List<RetentionReport> reports = new ArrayList<>();
        int lockHeld = 0;
        for (CompletableFuture<RetentionReport> run : runs) {
            try {
                reports.add(run.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                assertInstanceOf(RetentionLockHeldException.class, e.getCause());
                lockHeld++;
            }
        }

        assertEquals(1, reports.size(), "exactly one instance ran");
        assertEquals(1, lockHeld, "exactly one instance got the lock-held outcome");
        assertEquals(6, reports.get(0).count("conversation.conversations", "deleted"), "the one run purged every expired conversation");
        assertEquals(4, reports.get(0).batches().get(RetentionPolicy.CLOSED_CONVERSATIONS.wireName()), "1, 2, 2 and the last 1");
        expired.forEach(id -> assertFalse(RetentionFixtures.exists("conversation.conversations", id)));
        assertEquals(0, bean(second, RunRetentionUseCase.class).run(RunRetentionCommand.REAL).count("conversation.conversations", "deleted"),
                "the lock was released for the next run, on any instance");
    }

    @Test
    void both_instances_dispatching_the_outbox_at_once_deliver_every_handoff_exactly_once() {
        TicketingApi.emptyTheOutbox();
        helpdesk.reset();
        Set<UUID> handoffs = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            Fixtures.Conversation conversation = Fixtures.conversation("scale-handoff-" + i);
            TestHttp.Reply reply = http(instances().get(i % 2)).post("/api/v1/conversations/" + conversation.id() + "/escalate",
                    ADMIN, object("reason", "scale " + i));
            assertEquals(201, reply.status(), reply::toString);
            handoffs.add(Fixtures.queryUuid("SELECT id FROM ticketing.handoffs WHERE conversation_id = ?", conversation.id()));
        }
        List<DispatchHandoffsUseCase> dispatchers = instances().stream().map(i -> bean(i, DispatchHandoffsUseCase.class)).toList();

        // four ticks on each instance at the same moment, each passing until the outbox is empty (batches of 3)
        List<Integer> claimed = Concurrently.run(8, n -> {
            int total = 0;
            for (DispatchReport report = dispatchers.get(n % 2).dispatchDue(); report.claimed() > 0; report = dispatchers.get(n % 2).dispatchDue()) {
                total += report.claimed();
            }
            return total;
        });

        assertEquals(24, claimed.stream().mapToInt(Integer::intValue).sum(), () -> "claims per dispatcher " + claimed);
        List<String> keys = helpdesk.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
        assertEquals(24, keys.size(), "one helpdesk call per handoff");
        assertEquals(handoffs, Set.copyOf(keys.stream().map(UUID::fromString).toList()), "each handoff delivered, none twice");
        assertEquals(24, Fixtures.queryLong("""
                SELECT count(*) FROM ticketing.handoffs WHERE id = ANY(?::uuid[]) AND status = 'created' AND attempts = 1""",
                uuidArray(handoffs)), "every handoff created at its first attempt");
    }

    @Test
    void agents_claiming_on_both_instances_at_once_never_get_the_same_ticket() {
        TicketingApi.emptyTheQueue();
        Set<String> waiting = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            TicketingApi api = new TicketingApi(http(instances().get(i % 2)));
            waiting.add((String) api.escalatedTicket("scale-customer-" + i).get("id"));
        }

        // 10 agents, 5 on each instance, each claiming until the queue is empty
        List<List<Map<String, Object>>> claims = Concurrently.run(10, n -> {
            TicketingApi api = new TicketingApi(http(instances().get(n % 2)));
            String agent = TicketingApi.agent("scale-agent-" + n);
            List<Map<String, Object>> mine = new ArrayList<>();
            for (TestHttp.Reply reply = api.claim(agent); reply.status() != 204; reply = api.claim(agent)) {
                assertEquals(200, reply.status(), reply::toString);
                mine.add(reply.map());
            }
            return mine;
        });

        List<Object> given = claims.stream().flatMap(List::stream).map(t -> t.get("id")).toList();
        assertEquals(20, given.size(), "every waiting ticket was claimed once: " + given);
        assertEquals(waiting, Set.copyOf(given), "no ticket given twice, none left behind");
        for (int n = 0; n < claims.size(); n++) {
            String agent = Fixtures.user("scale-agent-" + n).toString();
            claims.get(n).forEach(ticket -> assertEquals(agent, ticket.get("assignee_id"), "a claimed ticket is the claimer's"));
        }
        assertEquals(20, Fixtures.queryLong("""
                SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = ANY(?::uuid[]) AND to_status = 'ACTIVE_HUMAN_CHAT'""",
                uuidArray(waiting)), "one claim event per ticket");
    }

    @Test
    void appends_to_one_conversation_through_both_instances_get_each_seq_once() {
        Fixtures.Conversation conversation = Fixtures.conversation(null);
        String service = TestTokens.withRoles("scale-backend", "service");

        List<Integer> statuses = Concurrently.run(40, n -> http(instances().get(n % 2)).post(
                "/api/v1/conversations/" + conversation.id() + "/messages", service,
                object("role", "user", "content", "append " + n)).status());

        assertTrue(statuses.stream().allMatch(s -> s == 201), statuses::toString);
        assertEquals(40, Fixtures.queryLong("SELECT count(DISTINCT seq) FROM conversation.messages WHERE conversation_id = ?", conversation.id()));
        assertEquals(40, Fixtures.queryLong("SELECT max(seq) FROM conversation.messages WHERE conversation_id = ?", conversation.id()));
        assertEquals(40, Fixtures.queryLong("SELECT last_seq FROM conversation.conversations WHERE id = ?", conversation.id()));
    }

    /** A PostgreSQL array literal of the ids, for {@code = ANY(?::uuid[])}. */
    private static String uuidArray(Set<?> ids) {
        return ids.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the two runs did not start together", e);
        }
    }

    /** Holds the retention run that won the lock after its first conversation batch, until the test opens it. */
    static final class Gate implements RetentionBatchObserver {

        volatile CountDownLatch reached = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        void closeAtFirstBatch() {
            reached = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        void open() {
            release.countDown();
        }

        @Override
        public void at(Stage stage, RetentionPolicy policy, int batch) {
            CountDownLatch holding = release;
            if (stage == Stage.DONE && batch == 1 && policy == RetentionPolicy.CLOSED_CONVERSATIONS && holding.getCount() > 0) {
                reached.countDown();
                try {
                    if (!holding.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
