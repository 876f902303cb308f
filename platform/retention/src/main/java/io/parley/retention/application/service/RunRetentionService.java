package io.parley.retention.application.service;

import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ConversationRetention;
import io.parley.conversation.api.ConversationRetention.Position;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.kernel.Ids;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.ArchiveLine;
import io.parley.retention.application.port.out.ArchiveSink;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.application.port.out.RetentionLock;
import io.parley.retention.application.port.out.RetentionMeters;
import io.parley.retention.application.port.out.RetentionTransactions;
import io.parley.retention.application.service.BatchLoop.Batch;
import io.parley.retention.domain.ClosedConversationAction;
import io.parley.retention.domain.RetentionPolicy;
import io.parley.retention.domain.RetentionReport;
import io.parley.retention.domain.RetentionSettings;
import io.parley.retention.domain.RetentionTally;
import io.parley.ticketing.api.ArchivedTicket;
import io.parley.ticketing.api.TicketArchive;
import io.parley.ticketing.api.TicketRetentionCounts;
import io.parley.tracing.api.TraceRetention;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.parley.retention.domain.RetentionPolicy.AGENT_TRACES;
import static io.parley.retention.domain.RetentionPolicy.API_REQUESTS;
import static io.parley.retention.domain.RetentionPolicy.CLOSED_CONVERSATIONS;
import static io.parley.retention.domain.RetentionPolicy.IDLE_CONVERSATIONS;
import static io.parley.retention.domain.RetentionTally.ANONYMISED;
import static io.parley.retention.domain.RetentionTally.ARCHIVED;
import static io.parley.retention.domain.RetentionTally.CLOSED;
import static io.parley.retention.domain.RetentionTally.CONVERSATIONS;
import static io.parley.retention.domain.RetentionTally.DELETED;
import static io.parley.retention.domain.RetentionTally.FEEDBACK;
import static io.parley.retention.domain.RetentionTally.HANDOFFS;
import static io.parley.retention.domain.RetentionTally.MESSAGES;
import static io.parley.retention.domain.RetentionTally.TICKETS;

/**
 * The retention job: applies the configured policies once, on one instance at a time.
 *
 * <p>Order of a run: settle archive batches a dead run left pending; agent traces and request log rows by
 * age; close idle open conversations; purge expired closed conversations. Traces go first so the conversation
 * batches, which hold row locks, cascade over fewer rows. Every batch is its own short transaction, ordered by
 * the policy's index, with {@code pause} between batches ({@link BatchLoop} drives them all); what a failed run
 * committed stays done and the next run continues from there.
 *
 * <p>The conversation policies' batches are time-boxed ({@link TimeBox}): a batch takes as many conversations as
 * fit into {@code batchBudget} at the pace of the batch before it (the first takes one, at most {@code batchSize}),
 * timed on the job's clock. A conversation's weight varies (a cascade over its messages, traces and handoff), so a
 * fixed count cannot bound how long a batch holds its locks and how long a burst of deletes keeps appends waiting;
 * the time box does. Trace and request log rows, of even weight and mostly dropped by whole partitions, keep the
 * fixed {@code rowBatchSize}.
 *
 * <p>A conversation batch, in one transaction: lock the next expired conversations ({@code FOR UPDATE SKIP
 * LOCKED}, so nothing can be added to them meanwhile), count what hangs off them in the other modules, write
 * and fsync the archive lines (archive action), delete, commit, then confirm the archive batch. The other
 * modules' rows go by the foreign keys their own migrations declared (traces and handoffs cascade; the ticket's
 * {@code conversation_id} is set NULL and ticketing's trigger anonymises it): no module deletes another's rows.
 *
 * <p>A dry run takes the lock too (its counts would be wrong next to a running purge), walks the same batches
 * read-only without pauses, and changes nothing, archive included. Its row counts are exact; its batch counts
 * are those of a real run whose batches are as quick as the dry run's reads (a real run whose batches reach
 * the budget takes more, smaller ones).
 */
@Singleton
public class RunRetentionService implements RunRetentionUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(RunRetentionService.class);

    private final RetentionSettings settings;
    private final RetentionLock lock;
    private final RetentionTransactions transactions;
    private final ConversationRetention conversations;
    private final TicketArchive tickets;
    private final TraceRetention traces;
    private final ArchiveSink archive;
    private final RetentionMeters meters;
    private final List<RetentionBatchObserver> observers;
    private final Clock clock;

    public RunRetentionService(RetentionSettings settings, RetentionLock lock, RetentionTransactions transactions,
                               ConversationRetention conversations, TicketArchive tickets, TraceRetention traces, ArchiveSink archive,
                               RetentionMeters meters, List<RetentionBatchObserver> observers, Clock clock) {
        this.settings = settings;
        this.lock = lock;
        this.transactions = transactions;
        this.conversations = conversations;
        this.tickets = tickets;
        this.traces = traces;
        this.archive = archive;
        this.meters = meters;
        this.observers = List.copyOf(observers);
        this.clock = clock;
    }

    @Override
    public RetentionReport run(RunRetentionCommand command) {
        Optional<RetentionLock.Lease> held;
        try {
            held = lock.tryAcquire();
        } catch (RuntimeException e) {
            meters.failed();
            LOG.error("retention run failed before it began: the lock could not be asked for ({})", e.getClass().getName());
            throw e;
        }
        if (held.isEmpty()) {
            LOG.info("retention run skipped: another run holds the lock");
            meters.skipped();
            throw new RetentionLockHeldException();
        }
        try (RetentionLock.Lease lease = held.get()) {
            return new Run(command.dryRun(), lease).execute();
        }
    }

    /** The state of one run. */
    private final class Run {

        private final boolean dryRun;
        private final RetentionLock.Lease lease;
        private final Instant startedAt = clock.instant();
        private final long startedNanos = System.nanoTime();
        private final String runId = Ids.newId(clock).toString();
        private final ClosedConversationAction action = settings.closedAction();
        private final RetentionTally tally = new RetentionTally();
        private final Map<RetentionPolicy, Instant> cutoffs = new EnumMap<>(RetentionPolicy.class);
        private boolean firstBatch = true;
        private String archiveLocation;

        Run(boolean dryRun, RetentionLock.Lease lease) {
            this.dryRun = dryRun;
            this.lease = lease;
        }

        RetentionReport execute() {
            for (RetentionPolicy policy : RetentionPolicy.values()) {
                Instant cutoff = settings.window(policy).cutoff(startedAt);
                if (cutoff != null) {
                    cutoffs.put(policy, cutoff);
                    tally.policy(policy);
                }
            }
            LOG.info("retention run {} started: dry_run={}, action={}, cutoffs={}", runId, dryRun, action.wireValue(), wireCutoffs());
            try {
                if (!dryRun) {
                    // also after a switch from archive to delete: a batch a dead run left pending is settled either way
                    archive.recover(ids -> !conversations.stillPresent(ids).isEmpty());
                }
                if (cutoffs.containsKey(AGENT_TRACES)) {
                    byAge(AGENT_TRACES, RetentionTally.AGENT_TRACES, traces::deleteSpansCreatedBefore, traces::countSpansCreatedBefore);
                }
                if (cutoffs.containsKey(API_REQUESTS)) {
                    byAge(API_REQUESTS, RetentionTally.API_REQUESTS, traces::deleteRequestsCreatedBefore, traces::countRequestsCreatedBefore);
                }
                if (cutoffs.containsKey(IDLE_CONVERSATIONS)) {
                    closeIdle(cutoffs.get(IDLE_CONVERSATIONS));
                }
                if (cutoffs.containsKey(CLOSED_CONVERSATIONS)) {
                    expired(cutoffs.get(CLOSED_CONVERSATIONS));
                }
            } catch (RuntimeException e) {
                meters.failed();
                // the exception's class only: driver messages can quote row values, which must not reach a log line
                LOG.error("retention run {} failed ({}); the batches it committed stay done: batches={}, tables={}",
                        runId, e.getClass().getName(), tally.batches(), tally.tables());
                throw e;
            }
            Instant finishedAt = clock.instant();
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            RetentionReport report = new RetentionReport(runId, dryRun, action.wireValue(), startedAt, finishedAt, durationMs,
                    wireCutoffs(), tally.batches(), tally.tables(), archiveLocation);
            LOG.info("retention run {} finished: dry_run={}, duration_ms={}, batches={}, tables={}, archive={}",
                    runId, dryRun, durationMs, report.batches(), report.tables(), archiveLocation);
            if (dryRun) {
                meters.dryRun();
            } else {
                meters.completed(finishedAt);
            }
            return report;
        }

        private Map<String, Instant> wireCutoffs() {
            Map<String, Instant> wire = new LinkedHashMap<>();
            cutoffs.forEach((policy, cutoff) -> wire.put(policy.wireName(), cutoff));
            return wire;
        }

        /**
         * The one way a policy takes its batches: a real run checks the lock and pauses before each batch and
         * tells the observers when one is done; a dry run walks them back to back.
         */
        private <P> void inBatches(RetentionPolicy policy, BatchLoop.Sizes sizes, BatchLoop.Step<P> step) {
            BatchLoop.run(sizes, clock, dryRun ? () -> { } : this::beforeBatch, step, number -> {
                tally.batch(policy);
                if (!dryRun) {
                    observe(Stage.DONE, policy, number);
                }
            });
        }

        /**
         * Traces and request log rows: bounded deletes, oldest first, until a batch comes back short. Dry, one count
         * tells how many rows and so how many batches a real run would take.
         */
        private void byAge(RetentionPolicy policy, String table, BatchDelete delete, Count count) {
            Instant cutoff = cutoffs.get(policy);
            int size = settings.rowBatchSize();
            if (dryRun) {
                long rows = count.rows(cutoff);
                countOnly(policy, table, DELETED, rows, (rows + size - 1) / size);
                return;
            }
            this.<Void>inBatches(policy, BatchLoop.Sizes.fixed(size),
                    (after, number, limit) -> new Batch<>(counted(table, DELETED, delete.rows(cutoff, limit)), null));
        }

        /** The sizes of a conversation policy's batches in this run. */
        private TimeBox timeBox() {
            return new TimeBox(settings.batchSize(), settings.batchBudget());
        }

        /**
         * Open conversations idle since before the cutoff are closed now ({@code ended_at} = the run's start), and
         * from then on follow the closed-conversation rule: they are purged one closed window after this run,
         * never in it. A customer who comes back within that window finds the conversation still there.
         */
        private void closeIdle(Instant idleBefore) {
            if (dryRun) {
                long rows = conversations.countIdle(idleBefore);
                countOnly(IDLE_CONVERSATIONS, CONVERSATIONS, CLOSED, rows, TimeBox.batchesFor(rows, settings.batchSize()));
                return;
            }
            this.<Void>inBatches(IDLE_CONVERSATIONS, timeBox(), (after, number, size) ->
                    new Batch<>(counted(CONVERSATIONS, CLOSED, conversations.closeIdle(idleBefore, startedAt, size)), null));
        }

        /** Expired closed conversations, walked in (ended_at, id) order: purged, or (dry) counted. */
        private void expired(Instant cutoff) {
            if (dryRun) {
                Instant tracesCutoff = cutoffs.get(AGENT_TRACES);
                this.<Position>inBatches(CLOSED_CONVERSATIONS, timeBox(), (after, number, size) -> countBatch(cutoff, tracesCutoff, after, size));
                return;
            }
            try (ArchiveSink.Run archiveRun = action == ClosedConversationAction.ARCHIVE ? archive.open(runId, startedAt) : null) {
                this.<Position>inBatches(CLOSED_CONVERSATIONS, timeBox(),
                        (after, number, size) -> purgeBatch(cutoff, after, size, archiveRun, number));
                archiveLocation = archiveRun == null ? null : archiveRun.location();
            }
        }

        private Batch<Position> purgeBatch(Instant cutoff, Position after, int size, ArchiveSink.Run archiveRun, int number) {
            AtomicReference<ArchiveSink.PendingBatch> pending = new AtomicReference<>();
            AtomicReference<List<UUID>> locked = new AtomicReference<>(List.of());
            ExpiredBatch batch;
            try {
                batch = transactions.write(() -> {
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
                    observe(Stage.BEFORE_COMMIT, CLOSED_CONVERSATIONS, number);
                    return new ExpiredBatch(positions.get(positions.size() - 1), ids.size(), purged, ticketRows, spans, archived);
                });
            } catch (RuntimeException e) {
                settleAfterFailure(pending.get(), locked.get(), e);
                throw e;
            }
            if (batch == null) {
                return null;
            }
            record(batch);
            observe(Stage.COMMITTED, CLOSED_CONVERSATIONS, number);
            if (pending.get() != null) {
                pending.get().confirm();
            }
            return new Batch<>(batch.size(), batch.last());
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

        /** Dry: what purging the next batch would remove, read-only and without locking. */
        private Batch<Position> countBatch(Instant cutoff, Instant tracesCutoff, Position after, int size) {
            ExpiredBatch batch = transactions.read(() -> {
                List<Position> positions = conversations.findExpired(cutoff, after, size);
                if (positions.isEmpty()) {
                    return null;
                }
                List<UUID> ids = positions.stream().map(Position::id).toList();
                PurgedConversationRows rows = conversations.count(ids);
                TicketRetentionCounts ticketRows = tickets.countFor(ids);
                // a real run deletes traces by age first, so only the younger ones would go with the conversations
                long spans = traces.countSpansOf(ids, tracesCutoff);
                ArchivedRows archived = action == ClosedConversationAction.ARCHIVE
                        ? new ArchivedRows(rows.conversations(), rows.messages(), rows.feedback(), ticketRows.tickets(), ticketRows.handoffs())
                        : ArchivedRows.NONE;
                return new ExpiredBatch(positions.get(positions.size() - 1), ids.size(), rows, ticketRows, spans, archived);
            });
            if (batch == null) {
                return null;
            }
            record(batch);
            return new Batch<>(batch.size(), batch.last());
        }

        private void record(ExpiredBatch batch) {
            PurgedConversationRows purged = batch.purged();
            TicketRetentionCounts ticketRows = batch.ticketRows();
            ArchivedRows archived = batch.archived();
            count(CONVERSATIONS, DELETED, purged.conversations());
            count(MESSAGES, DELETED, purged.messages());
            count(FEEDBACK, DELETED, purged.feedback());
            count(RetentionTally.AGENT_TRACES, DELETED, batch.spans());
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
                meters.rows(table, counter, rows);
            }
        }

        /** Counts {@code rows} and answers them, for a batch's size. */
        private long counted(String table, String counter, long rows) {
            count(table, counter, rows);
            return rows;
        }

        /** Dry: the rows a policy would take, in as many batches as a real run would need for them. */
        private void countOnly(RetentionPolicy policy, String table, String counter, long rows, long batches) {
            tally.add(table, counter, rows);
            tally.batches(policy, batches);
        }

        /** Between two batches: make sure the lock is still ours, then give live traffic the pause. */
        private void beforeBatch() {
            lease.ensureHeld();
            if (!firstBatch && !settings.pause().isZero()) {
                try {
                    Thread.sleep(settings.pause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("retention run interrupted; the batches it committed stay done", e);
                }
            }
            firstBatch = false;
        }

        private void observe(Stage stage, RetentionPolicy policy, int batch) {
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
