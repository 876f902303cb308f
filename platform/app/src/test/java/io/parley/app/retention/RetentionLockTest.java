package io.parley.app.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.retention.RetentionBatchObserver.Stage;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.RetentionFixtures.closedConversation;
import static io.parley.app.support.RetentionFixtures.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, one instance at a time: while a run holds the PostgreSQL advisory lock, every other run — on this
 * instance or another, whatever triggered it — skips without touching anything, and the admin endpoint
 * answers 409. Latches hold the first run at a known point; nothing sleeps.
 */
@MicronautTest(transactional = false)
class RetentionLockTest implements PostgresBacked {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));

    final MutableClock clock = new MutableClock(NOW);
    final Gate gate = new Gate();
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Inject
    RetentionJob job;
    @Inject
    MeterRegistry meters;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @MockBean(RetentionBatchObserver.class)
    RetentionBatchObserver observer() {
        return gate;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(PostgresBacked.super.getProperties());
        properties.put("parley.retention.enabled", "false");
        properties.put("parley.retention.batch-size", "2");
        properties.put("parley.retention.pause", "0s");
        return properties;
    }

    @BeforeEach
    void clearWhatEarlierTestsLeftExpired() {
        job.run(false);
    }

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void while_one_run_holds_the_lock_a_second_run_skips_and_only_the_first_does_the_work() throws Exception {
        List<UUID> expired = expiredConversations(5);
        double skippedBefore = skipped();
        gate.closeAtFirstBatch();

        Future<RetentionReport> first = threads.submit(() -> job.run(false));
        assertTrue(gate.reached.await(30, TimeUnit.SECONDS), "the first run reached its first batch");

        assertThrows(RetentionLockHeldException.class, () -> job.run(false));
        assertThrows(RetentionLockHeldException.class, () -> job.run(true), "a dry run waits its turn too");
        var reply = new TestHttp(server.getURL(), json).post("/api/v1/admin/retention/run?dry_run=false",
                TestTokens.withRoles("ops", "admin"), null);
        assertEquals("another run holds the lock", assertProblem(reply, 409).get("detail"));
        assertTrue(exists("conversation.conversations", expired.get(4)), "the second runs touched nothing");
        assertEquals(skippedBefore + 3, skipped(), "each skip is counted");

        gate.open();
        RetentionReport report = first.get(30, TimeUnit.SECONDS);

        assertEquals(5, report.count("conversation.conversations", "deleted"), "the first run did all the work");
        expired.forEach(id -> assertFalse(exists("conversation.conversations", id)));
        assertEquals(0, job.run(false).count("conversation.conversations", "deleted"), "the lock was released");
    }

    @Test
    void two_runs_started_together_never_both_purge() throws Exception {
        List<UUID> expired = expiredConversations(6);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<RetentionReport>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return job.run(false);
            }));
        }

        long deleted = 0;
        int skipped = 0;
        for (Future<RetentionReport> run : runs) {
            try {
                deleted += run.get(60, TimeUnit.SECONDS).count("conversation.conversations", "deleted");
            } catch (ExecutionException e) {
                assertInstanceOf(RetentionLockHeldException.class, e.getCause());
                skipped++;
            }
        }

        assertEquals(6, deleted, "every conversation purged exactly once between them");
        assertTrue(skipped <= 1);
        expired.forEach(id -> assertFalse(exists("conversation.conversations", id)));
    }

    @Test
    void a_lock_held_by_another_instance_makes_every_trigger_skip() throws SQLException {
        UUID expired = expiredConversations(1).get(0);
        try (Connection otherInstance = TestDatabase.connect()) {
            advisory(otherInstance, "pg_advisory_lock");

            assertThrows(RetentionLockHeldException.class, () -> job.run(false));
            new RetentionSchedule(job).nightly();
            var reply = new TestHttp(server.getURL(), json).post("/api/v1/admin/retention/run?dry_run=true",
                    TestTokens.withRoles("ops", "admin"), null);
            assertProblem(reply, 409);
            assertTrue(exists("conversation.conversations", expired), "nothing ran");

            advisory(otherInstance, "pg_advisory_unlock");
        }

        new RetentionSchedule(job).nightly();

        assertFalse(exists("conversation.conversations", expired), "the scheduled run ran once the lock was free");
    }

    private static void advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, RetentionLock.KEY);
            statement.execute();
        }
    }

    private double skipped() {
        return meters.get(RetentionMetrics.RUNS).tag("outcome", "skipped").counter().count();
    }

    private static List<UUID> expiredConversations(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant ended = CUTOFF.minus(Duration.ofDays(n - i));
            ids.add(closedConversation(null, ended.minus(Duration.ofHours(1)), ended));
        }
        return ids;
    }

    /** Holds a run after its first conversation batch until the test opens the gate. */
    static final class Gate implements RetentionBatchObserver {

        final CountDownLatch reached = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        void closeAtFirstBatch() {
            release = new CountDownLatch(1);
        }

        void open() {
            release.countDown();
        }

        @Override
        public void at(Stage stage, String policy, int batch) {
            if (stage == Stage.DONE && batch == 1 && RetentionJob.CLOSED_CONVERSATIONS_POLICY.equals(policy) && release.getCount() > 0) {
                reached.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
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
