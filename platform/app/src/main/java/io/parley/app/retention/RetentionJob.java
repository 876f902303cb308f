package io.parley.app.retention;

import io.micronaut.transaction.TransactionOperations;
import io.parley.app.retention.RetentionBatchObserver.Stage;
import io.parley.app.retention.RetentionSettings.Action;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ConversationRetention;
import io.parley.conversation.api.ConversationRetention.Position;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.kernel.Ids;
import io.parley.ticketing.api.ArchivedTicket;
import io.parley.ticketing.api.TicketArchive;
import io.parley.ticketing.api.TicketRetentionCounts;
import io.parley.tracing.api.TraceRetention;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.parley.app.retention.RetentionTally.AGENT_TRACES;
import static io.parley.app.retention.RetentionTally.ANONYMISED;
import static io.parley.app.retention.RetentionTally.API_REQUESTS;
import static io.parley.app.retention.RetentionTally.ARCHIVED;
import static io.parley.app.retention.RetentionTally.CLOSED;
import static io.parley.app.retention.RetentionTally.CONVERSATIONS;
import static io.parley.app.retention.RetentionTally.DELETED;
import static io.parley.app.retention.RetentionTally.FEEDBACK;
import static io.parley.app.retention.RetentionTally.HANDOFFS;
import static io.parley.app.retention.RetentionTally.MESSAGES;
import static io.parley.app.retention.RetentionTally.TICKETS;

/**
 * The retention job: applies the configured policies once, on one instance at a time. The three triggers
 * (nightly schedule, admin endpoint, CLI) all call {@link #run}.
 *
 * <p>Order of a run: settle archive batches a dead run left pending; agent traces and request log rows by
 * age; close idle open conversations; purge expired closed conversations. Traces go first so the conversation
 * batches, which hold row locks, cascade over fewer rows. Every batch is its own short transaction, ordered by
 * the policy's index, with {@code pause} between batches; what a failed run committed stays done and the next
 * run continues from there.
 *
 * <p>A conversation batch, in one transaction: lock the next expired conversations ({@code FOR UPDATE SKIP
 * LOCKED}, so nothing can be added to them meanwhile), count what hangs off them in the other modules, write
 * and fsync the archive lines (archive action), delete, commit, then confirm the archive batch. The other
 * modules' rows go by the foreign keys their own migrations declared (traces and handoffs cascade; the ticket's
 * {@code conversation_id} is set NULL and ticketing's trigger anonymises it): no module deletes another's rows.
 *
 * <p>A dry run takes the lock too (its counts would be wrong next to a running purge), walks the same batches
 * read-only without pauses, and changes nothing, archive included.
 */
@Singleton
public class RetentionJob {

    public static final String AGENT_TRACES_POLICY = "agent_traces";
    public static final String API_REQUESTS_POLICY = "api_requests";
    public static final String IDLE_CONVERSATIONS_POLICY = "idle_conversations";
    public static final String CLOSED_CONVERSATIONS_POLICY = "closed_conversations";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionSettings settings;
    private final RetentionLock lock;
    private final TransactionOperations<Connection> transactions;
    private final ConversationRetention conversations;
    private final TicketArchive tickets;
    private final TraceRetention traces;
    private final ArchiveSink archive;
    private final RetentionMetrics metrics;
    private final List<RetentionBatchObserver> observers;
    private final Clock clock;

    RetentionJob(RetentionSettings settings, RetentionLock lock, TransactionOperations<Connection> transactions,
                 ConversationRetention conversations, TicketArchive tickets, TraceRetention traces, ArchiveSink archive,
                 RetentionMetrics metrics, List<RetentionBatchObserver> observers, Clock clock) {
        this.settings = settings;
        this.lock = lock;
        this.transactions = transactions;
        this.conversations = conversations;
        this.tickets = tickets;
        this.traces = traces;
        this.archive = archive;
        this.metrics = metrics;
        this.observers = List.copyOf(observers);
        this.clock = clock;
    }

    /**
     * Runs every enabled policy once and reports what went (or, dry, what would go).
     *
     * @throws RetentionLockHeldException when another run holds the lock: this one did nothing
     */
    public RetentionReport run(boolean dryRun) {
        Optional<RetentionLock.Held> held;
        try {
            held = lock.tryAcquire();
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.error("retention run failed before it began: the lock could not be asked for ({})", e.getClass().getName());
            throw e;
        }
        if (held.isEmpty()) {
            LOG.info("retention run skipped: another run holds the lock");
            metrics.skipped();
            throw new RetentionLockHeldException();
        }
        try (RetentionLock.Held lease = held.get()) {
            return new Run(dryRun, lease).execute();
        }
    }

    /** The state of one run. */
    private final class Run {

        private final boolean dryRun;
        private final RetentionLock.Held lease;
        private final Instant startedAt = clock.instant();
        private final long startedNanos = System.nanoTime();
        private final String runId = Ids.newId(clock).toString();
        private final Action action = settings.getClosedConversations().getAction();
        private final RetentionTally tally = new RetentionTally();
        private final Map<String, Instant> cutoffs = new LinkedHashMap<>();
        private boolean firstBatch = true;
        private String archiveLocation;

        Run(boolean dryRun, RetentionLock.Held lease) {
            this.dryRun = dryRun;
            this.lease = lease;
        }

        RetentionReport execute() {
            Instant tracesCutoff = policy(AGENT_TRACES_POLICY, settings.getAgentTraces());
            Instant requestsCutoff = policy(API_REQUESTS_POLICY, settings.getApiRequests());
            Instant idleCutoff = policy(IDLE_CONVERSATIONS_POLICY, settings.getIdleConversations());
            Instant closedCutoff = policy(CLOSED_CONVERSATIONS_POLICY, settings.getClosedConversations());
            LOG.info("retention run {} started: dry_run={}, action={}, cutoffs={}", runId, dryRun, action.wireValue(), cutoffs);
            try {
                if (!dryRun) {
                    // also after a switch from archive to delete: a batch a dead run left pending is settled either way
                    archive.recover(ids -> !conversations.stillPresent(ids).isEmpty());
                }
                if (tracesCutoff != null) {
                    byAge(AGENT_TRACES_POLICY, AGENT_TRACES, tracesCutoff, traces::deleteSpansCreatedBefore, traces::countSpansCreatedBefore);
                }
                if (requestsCutoff != null) {
                    byAge(API_REQUESTS_POLICY, API_REQUESTS, requestsCutoff, traces::deleteRequestsCreatedBefore,
                            traces::countRequestsCreatedBefore);
                }
                if (idleCutoff != null) {
                    closeIdle(idleCutoff);
                }
                if (closedCutoff != null) {
                    if (dryRun) {
                        countExpired(closedCutoff, tracesCutoff);
                    } else {
                        purgeExpired(closedCutoff);
                    }
                }
            } catch (RuntimeException e) {
                metrics.failed();
                // the exception's class only: driver messages can quote row values, which must not reach a log line
                LOG.error("retention run {} failed ({}); the batches it committed stay done: batches={}, tables={}",
                        runId, e.getClass().getName(), tally.batches(), tally.tables());
                throw e;
            }
            Instant finishedAt = clock.instant();
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            RetentionReport report = new RetentionReport(runId, dryRun, action.wireValue(), startedAt, finishedAt, durationMs,
                    new LinkedHashMap<>(cutoffs), tally.batches(), tally.tables(), archiveLocation);
            LOG.info("retention run {} finished: dry_run={}, duration_ms={}, batches={}, tables={}, archive={}",
                    runId, dryRun, durationMs, report.batches(), report.tables(), archiveLocation);
            if (dryRun) {
                metrics.dryRun();
            } else {
                metrics.completed(finishedAt);
            }
            return report;
        }

        private Instant policy(String name, RetentionSettings.Window window) {
            Instant cutoff = window.cutoff(startedAt);
            if (cutoff != null) {
                cutoffs.put(name, cutoff);
                tally.policy(name);
            }
            return cutoff;
        }

        /** Traces and request log rows: bounded deletes, oldest first, until a batch comes back short. */
        private void byAge(String policy, String table, Instant cutoff, BatchDelete delete, Count count) {
            int size = settings.getRowBatchSize();
            if (dryRun) {
                long rows = count.rows(cutoff);
                tally.add(table, DELETED, rows);
                batches(policy, rows, size);
                return;
            }
            int batch = 0;
            while (true) {
                beforeBatch();
                long deleted = delete.rows(cutoff, size);
                if (deleted > 0) {
                    batch++;
                    tally.batch(policy);
                    count(table, DELETED, deleted);
                    observe(Stage.DONE, policy, batch);
                }
                if (deleted < size) {
                    return;
                }
            }
        }

        /**
         * Open conversations idle since before the cutoff are closed now ({@code ended_at} = the run's start), and
         * from then on follow the closed-conversation rule: they are purged one closed window after this run,
         * never in it. A customer who comes back within that window finds the conversation still there.
         */
        private void closeIdle(Instant idleBefore) {
            int size = settings.getBatchSize();
            if (dryRun) {
                long idle = conversations.countIdle(idleBefore);
                tally.add(CONVERSATIONS, CLOSED, idle);
                batches(IDLE_CONVERSATIONS_POLICY, idle, size);
                return;
            }
            int batch = 0;
            while (true) {
                beforeBatch();
                int closed = conversations.closeIdle(idleBefore, startedAt, size);
                if (closed > 0) {
                    batch++;
                    tally.batch(IDLE_CONVERSATIONS_POLICY);
                    count(CONVERSATIONS, CLOSED, closed);
                    observe(Stage.DONE, IDLE_CONVERSATIONS_POLICY, batch);
                }
                if (closed < size) {
                    return;
                }
            }
        }

        private void purgeExpired(Instant cutoff) {
            int size = settings.getBatchSize();
            try (ArchiveSink.Run archiveRun = action == Action.ARCHIVE ? archive.open(runId, startedAt) : null) {
                Position after = null;
                int batch = 0;
                while (true) {
                    beforeBatch();
                    ExpiredBatch done = purgeBatch(cutoff, after, size, archiveRun, batch + 1);
                    if (done == null) {
                        break;
                    }
                    batch++;
                    observe(Stage.DONE, CLOSED_CONVERSATIONS_POLICY, batch);
                    after = done.last();
                    if (done.size() < size) {
                        break;
                    }
                }
                archiveLocation = archiveRun == null ? null : archiveRun.location();
            }
        }

        private ExpiredBatch purgeBatch(Instant cutoff, Position after, int size, ArchiveSink.Run archiveRun, int number) {
            AtomicReference<ArchiveSink.PendingBatch> pending = new AtomicReference<>();
            AtomicReference<List<UUID>> locked = new AtomicReference<>(List.of());
            ExpiredBatch batch;
            try {
                batch = transactions.executeWrite(status -> {
                    List<Position> positions = conversations.lockExpired(cutoff, after, size);
                    if (positions.isEmpty()) {
                        return null;
                    }
                    List<UUID> ids = positions.stream().map(Position::id).toList();
                    locked.set(ids);
                    TicketRetentionCounts ticketRows = tickets.countFor(ids);
                    long spans = traces.countSpansOf(ids, null);
                    ArchivedRows archived = archiveRun == null ? ArchivedRows.NONE : archiveBatch(archiveRun, ids, pending);
                    PurgedConversationRows purged = conversations.purge(ids, cutoff);
                    if (purged.conversations() != ids.size()) {
                        // cannot happen while the rows are locked; if it did, the archive would hold conversations that stay
                        throw new IllegalStateException("the batch deleted " + purged.conversations() + " of its "
                                + ids.size() + " locked conversations");
                    }
                    observe(Stage.BEFORE_COMMIT, CLOSED_CONVERSATIONS_POLICY, number);
                    return new ExpiredBatch(positions.get(positions.size() - 1), ids.size(), purged, ticketRows, spans, archived);
                });
            } catch (RuntimeException e) {
                settleAfterFailure(pending.get(), locked.get(), e);
                throw e;
            }
            if (batch == null) {
                return null;
            }
            tally.batch(CLOSED_CONVERSATIONS_POLICY);
            record(batch.purged(), batch.ticketRows(), batch.spans(), batch.archived());
            observe(Stage.COMMITTED, CLOSED_CONVERSATIONS_POLICY, number);
            if (pending.get() != null) {
                pending.get().confirm();
            }
            return batch;
        }

        private ArchivedRows archiveBatch(ArchiveSink.Run archiveRun, List<UUID> ids, AtomicReference<ArchiveSink.PendingBatch> pending) {
            Map<UUID, ArchivedTicket> ticketsByConversation = tickets.ticketsOf(ids);
            ArchivedRows.Counter counter = new ArchivedRows.Counter();
            pending.set(archiveRun.write(ids, out -> conversations.archive(ids, conversation -> {
                ArchivedTicket ticket = ticketsByConversation.get(conversation.id());
                counter.add(conversation, ticket);
                out.accept(new ArchiveLine(ArchiveLine.FORMAT, runId, startedAt, conversation, ticket));
            })));
            ArchivedRows archived = counter.rows();
            if (archived.conversations() != ids.size()) {
                throw new IllegalStateException("archived " + archived.conversations() + " of the batch's " + ids.size() + " conversations");
            }
            return archived;
        }

        /**
         * The batch's transaction failed after its archive lines were written. Usually it rolled back and the
         * lines must go; but a failed COMMIT may still have committed, so the database decides. If even that
         * cannot be asked, the batch stays pending and the next run settles it.
         */
        private void settleAfterFailure(ArchiveSink.PendingBatch pending, List<UUID> ids, RuntimeException failure) {
            if (pending == null) {
                return;
            }
            try {
                if (conversations.stillPresent(ids).isEmpty()) {
                    pending.confirm();
                } else {
                    pending.abandon();
                }
            } catch (RuntimeException again) {
                failure.addSuppressed(again);
            }
        }

        private void countExpired(Instant cutoff, Instant tracesCutoff) {
            int size = settings.getBatchSize();
            Position after = null;
            while (true) {
                Position from = after;
                ExpiredBatch batch = transactions.executeRead(status -> {
                    List<Position> positions = conversations.findExpired(cutoff, from, size);
                    if (positions.isEmpty()) {
                        return null;
                    }
                    List<UUID> ids = positions.stream().map(Position::id).toList();
                    PurgedConversationRows rows = conversations.count(ids);
                    TicketRetentionCounts ticketRows = tickets.countFor(ids);
                    // a real run deletes traces by age first, so only the younger ones would go with the conversations
                    long spans = traces.countSpansOf(ids, tracesCutoff);
                    ArchivedRows archived = action == Action.ARCHIVE
                            ? new ArchivedRows(rows.conversations(), rows.messages(), rows.feedback(), ticketRows.tickets(), ticketRows.handoffs())
                            : ArchivedRows.NONE;
                    return new ExpiredBatch(positions.get(positions.size() - 1), ids.size(), rows, ticketRows, spans, archived);
                });
                if (batch == null) {
                    return;
                }
                tally.batch(CLOSED_CONVERSATIONS_POLICY);
                record(batch.purged(), batch.ticketRows(), batch.spans(), batch.archived());
                after = batch.last();
                if (batch.size() < size) {
                    return;
                }
            }
        }

        private void record(PurgedConversationRows purged, TicketRetentionCounts ticketRows, long spans, ArchivedRows archived) {
            count(CONVERSATIONS, DELETED, purged.conversations());
            count(MESSAGES, DELETED, purged.messages());
            count(FEEDBACK, DELETED, purged.feedback());
            count(AGENT_TRACES, DELETED, spans);
            count(HANDOFFS, DELETED, ticketRows.handoffs());
            count(TICKETS, ANONYMISED, ticketRows.tickets());
            count(CONVERSATIONS, ARCHIVED, archived.conversations());
            count(MESSAGES, ARCHIVED, archived.messages());
            count(FEEDBACK, ARCHIVED, archived.feedback());
            count(TICKETS, ARCHIVED, archived.tickets());
            count(HANDOFFS, ARCHIVED, archived.handoffs());
        }

        private void count(String table, String counter, long rows) {
            tally.add(table, counter, rows);
            if (!dryRun) {
                metrics.rows(table, counter, rows);
            }
        }

        private void batches(String policy, long rows, int size) {
            for (long i = 0; i < (rows + size - 1) / size; i++) {
                tally.batch(policy);
            }
        }

        /** Between two batches: make sure the lock is still ours, then give live traffic the pause. */
        private void beforeBatch() {
            lease.ensureHeld();
            if (!firstBatch && !settings.getPause().isZero()) {
                try {
                    Thread.sleep(settings.getPause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("retention run interrupted; the batches it committed stay done", e);
                }
            }
            firstBatch = false;
        }

        private void observe(Stage stage, String policy, int batch) {
            for (RetentionBatchObserver observer : observers) {
                observer.at(stage, policy, batch);
            }
        }
    }

    @FunctionalInterface
    private interface BatchDelete {
        long rows(Instant cutoff, int limit);
    }

    @FunctionalInterface
    private interface Count {
        long rows(Instant cutoff);
    }

    private record ExpiredBatch(Position last, int size, PurgedConversationRows purged, TicketRetentionCounts ticketRows,
                                long spans, ArchivedRows archived) {
    }

    /** Rows written to the archive for one batch. */
    private record ArchivedRows(long conversations, long messages, long feedback, long tickets, long handoffs) {

        static final ArchivedRows NONE = new ArchivedRows(0, 0, 0, 0, 0);

        static final class Counter {
            private long conversations;
            private long messages;
            private long feedback;
            private long tickets;
            private long handoffs;

            void add(ArchivedConversation conversation, ArchivedTicket ticket) {
                conversations++;
                messages += conversation.messages().size();
                feedback += conversation.feedback() == null ? 0 : 1;
                tickets += ticket == null ? 0 : 1;
                handoffs += ticket == null || ticket.handoff() == null ? 0 : 1;
            }

            ArchivedRows rows() {
                return new ArchivedRows(conversations, messages, feedback, tickets, handoffs);
            }
        }
    }
}
