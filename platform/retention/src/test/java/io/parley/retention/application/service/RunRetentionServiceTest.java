package io.parley.retention.application.service;

import io.parley.conversation.api.ConversationRetention;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.out.ArchiveSink;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.application.port.out.RetentionLock;
import io.parley.retention.application.port.out.RetentionMeters;
import io.parley.retention.application.port.out.RetentionTransactions;
import io.parley.retention.domain.ClosedConversationAction;
import io.parley.retention.domain.RetentionPolicy;
import io.parley.retention.domain.RetentionReport;
import io.parley.retention.domain.RetentionSettings;
import io.parley.retention.domain.RetentionWindow;
import io.parley.ticketing.api.TicketArchive;
import io.parley.tracing.api.TraceRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The job against its ports: the lock decides whether a run happens at all, every policy goes through the one
 * batch loop (lock checked before each batch, observers told after it), and what a run did reaches the meters.
 * The policies over real PostgreSQL are RetentionPoliciesTest.
 */
// a fresh instance per test: junit-platform.properties makes per-class the default (for the database tests)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
@ExtendWith(MockitoExtension.class)
class RunRetentionServiceTest {

    static final Instant NOW = Instant.parse("2026-12-05T03:30:00.250Z");
    static final RetentionWindow OFF = new RetentionWindow(false, 1);
    static final Duration BUDGET = Duration.ofMillis(50);

    @Mock
    RetentionLock lock;
    @Mock
    RetentionLock.Lease lease;
    @Mock
    ConversationRetention conversations;
    @Mock
    TicketArchive tickets;
    @Mock
    TraceRetention traces;
    @Mock
    ArchiveSink archive;
    @Mock
    RetentionMeters meters;

    final List<String> observed = new ArrayList<>();
    final RetentionBatchObserver observer = (stage, policy, batch) -> observed.add(stage + " " + policy + " " + batch);

    RunRetentionService job(RetentionSettings settings) {
        return new RunRetentionService(settings, lock, new DirectTransactions(), conversations, tickets, traces, archive, meters,
                List.of(observer), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Agent traces only, in batches of 2. */
    static RetentionSettings tracesOnly() {
        return new RetentionSettings(1000, 2, Duration.ZERO, BUDGET, OFF, ClosedConversationAction.DELETE, OFF, new RetentionWindow(true, 30), OFF);
    }

    void theLockIsFree() {
        when(lock.tryAcquire()).thenReturn(Optional.of(lease));
    }

    @Test
    void a_held_lock_skips_the_run_and_touches_nothing() {
        when(lock.tryAcquire()).thenReturn(Optional.empty());

        assertThrows(RetentionLockHeldException.class, () -> job(tracesOnly()).run(RunRetentionCommand.REAL));

        verify(meters).skipped();
        verifyNoInteractions(conversations, tickets, traces, archive, lease);
    }

    @Test
    void a_lock_that_cannot_be_asked_for_fails_the_run() {
        IllegalStateException down = new IllegalStateException("database down");
        when(lock.tryAcquire()).thenThrow(down);

        assertSame(down, assertThrows(IllegalStateException.class, () -> job(tracesOnly()).run(RunRetentionCommand.REAL)));

        verify(meters).failed();
        verifyNoInteractions(traces);
    }

    @Test
    void rows_by_age_go_in_batches_until_a_short_one_with_the_lock_checked_before_each() {
        theLockIsFree();
        Instant cutoff = Instant.parse("2026-11-05T03:30:00Z");
        when(traces.deleteSpansCreatedBefore(cutoff, 2)).thenReturn(2L, 2L, 1L);

        RetentionReport report = job(tracesOnly()).run(RunRetentionCommand.REAL);

        assertEquals(Map.of("agent_traces", cutoff), report.cutoffs(), "rounded down to the second");
        assertEquals(Map.of("agent_traces", 3), report.batches());
        assertEquals(5, report.count("tracing.agent_traces", "deleted"));
        assertEquals(List.of("DONE agent_traces 1", "DONE agent_traces 2", "DONE agent_traces 3"), observed);
        InOrder order = inOrder(lease, traces, meters);
        for (int i = 0; i < 3; i++) {
            order.verify(lease).ensureHeld();
            order.verify(traces).deleteSpansCreatedBefore(cutoff, 2);
        }
        order.verify(meters).completed(NOW);
        order.verify(lease).close();
        verify(meters, times(2)).rows("tracing.agent_traces", "deleted", 2);
        verify(meters).rows("tracing.agent_traces", "deleted", 1);
        verify(archive).recover(any());
    }

    @Test
    void a_dry_run_counts_the_batches_a_real_run_would_take_and_changes_nothing() {
        theLockIsFree();
        when(traces.countSpansCreatedBefore(any())).thenReturn(5L);

        RetentionReport report = job(tracesOnly()).run(RunRetentionCommand.DRY);

        assertEquals(Map.of("agent_traces", 3), report.batches());
        assertEquals(5, report.count("tracing.agent_traces", "deleted"));
        verify(traces, never()).deleteSpansCreatedBefore(any(), anyInt());
        verify(archive, never()).recover(any());
        verify(meters).dryRun();
        verify(meters, never()).rows(any(), any(), anyLong());
        assertEquals(List.of(), observed, "a dry run has no batches to observe");
        verify(lease).close();
    }

    @Test
    void a_lost_lock_stops_the_run_before_its_next_batch_and_it_counts_as_failed() {
        theLockIsFree();
        when(traces.deleteSpansCreatedBefore(any(), anyInt())).thenReturn(2L);
        IllegalStateException lost = new IllegalStateException("the retention lock's session was lost; stopping the run");
        doNothing().doThrow(lost).when(lease).ensureHeld();

        assertSame(lost, assertThrows(IllegalStateException.class, () -> job(tracesOnly()).run(RunRetentionCommand.REAL)));

        verify(traces, times(1)).deleteSpansCreatedBefore(any(), anyInt());
        verify(meters).failed();
        verify(meters, never()).completed(any());
        verify(lease).close();
        assertEquals(List.of("DONE agent_traces 1"), observed);
    }

    @Test
    void idle_conversations_are_closed_in_time_boxed_batches_by_the_same_loop() {
        theLockIsFree();
        RetentionSettings idleOnly = new RetentionSettings(3, 5000, Duration.ZERO, BUDGET, OFF, ClosedConversationAction.DELETE,
                new RetentionWindow(true, 180), OFF, OFF);
        when(conversations.closeIdle(any(), any(), anyInt())).thenReturn(1, 2, 0);

        RetentionReport report = job(idleOnly).run(RunRetentionCommand.REAL);

        assertEquals(Map.of(RetentionPolicy.IDLE_CONVERSATIONS.wireName(), 2), report.batches(), "the empty third look is no batch");
        assertEquals(3, report.count("conversation.conversations", "closed"));
        InOrder order = inOrder(conversations);
        // the clock stands still, so each batch is well within the budget: one, then twice as many, up to the ceiling of 3
        order.verify(conversations).closeIdle(any(), any(), eq(1));
        order.verify(conversations).closeIdle(any(), any(), eq(2));
        order.verify(conversations).closeIdle(any(), any(), eq(3));
        assertEquals(List.of(Stage.DONE + " idle_conversations 1", Stage.DONE + " idle_conversations 2"), observed);
    }

    /** Runs the work in place: the ports' transactions are the adapters' business. */
    static final class DirectTransactions implements RetentionTransactions {
        @Override
        public <T> T write(Supplier<T> work) {
            return work.get();
        }

        @Override
        public <T> T read(Supplier<T> work) {
            return work.get();
        }
    }
}
