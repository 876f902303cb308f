package io.parley.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.retention.adapter.in.schedule.Nightly;
import io.parley.retention.adapter.out.lock.AnotherInstance;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.domain.RetentionPolicy;
import io.parley.retention.domain.RetentionReport;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
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

import static io.parley.retention.application.port.in.RunRetentionCommand.DRY;
import static io.parley.retention.application.port.in.RunRetentionCommand.REAL;
import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One instance at a time: while a run holds the PostgreSQL advisory lock, every other run — on this instance or
 * another, whatever triggered it — skips without touching anything (the admin endpoint's 409 is
 * platform/app's RetentionEndpointTest). Latches hold the first run at a known point; nothing sleeps.
 */
@MicronautTest(transactional = false)
class RetentionLockTest implements PostgresBacked {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));

    final MutableClock clock = new MutableClock(NOW);
    final Gate gate = new Gate();
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Inject
    RunRetentionUseCase job;
    @Inject
    MeterRegistry meters;

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
        job.run(REAL);
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

        Future<RetentionReport> first = threads.submit(() -> job.run(REAL));
        assertTrue(gate.reached.await(30, TimeUnit.SECONDS), "the first run reached its first batch");

        assertThrows(RetentionLockHeldException.class, () -> job.run(REAL));
        assertThrows(RetentionLockHeldException.class, () -> job.run(DRY), "a dry run waits its turn too");
        Nightly.fire(job);
        assertTrue(exists("conversation.conversations", expired.get(4)), "the second runs touched nothing");
        assertEquals(skippedBefore + 3, skipped(), "each skip is counted");

        gate.open();
        RetentionReport report = first.get(30, TimeUnit.SECONDS);

        assertEquals(5, report.count("conversation.conversations", "deleted"), "the first run did all the work");
        expired.forEach(id -> assertFalse(exists("conversation.conversations", id)));
        assertEquals(0, job.run(REAL).count("conversation.conversations", "deleted"), "the lock was released");
    }

    @Test
    void two_runs_started_together_never_both_purge() throws Exception {
        List<UUID> expired = expiredConversations(6);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<RetentionReport>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return job.run(REAL);
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
            AnotherInstance.takesTheLock(otherInstance);

            assertThrows(RetentionLockHeldException.class, () -> job.run(REAL));
            assertThrows(RetentionLockHeldException.class, () -> job.run(DRY));
            Nightly.fire(job);
            assertTrue(exists("conversation.conversations", expired), "nothing ran");

            AnotherInstance.releasesTheLock(otherInstance);
        }

        Nightly.fire(job);

        assertFalse(exists("conversation.conversations", expired), "the scheduled run ran once the lock was free");
    }

    private double skipped() {
        return meters.get("parley.retention.runs").tag("outcome", "skipped").counter().count();
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
        public void at(Stage stage, RetentionPolicy policy, int batch) {
            if (stage == Stage.DONE && batch == 1 && policy == RetentionPolicy.CLOSED_CONVERSATIONS && release.getCount() > 0) {
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
