package io.parley.retention.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where the retention job archives purged conversations before it deletes them (the outbound port; the
 * local-directory gzip adapter is the first implementation, an object store a later one).
 *
 * <p>The protocol makes a run that dies anywhere lose nothing and repeat nothing. Per batch, inside the
 * batch's database transaction: {@link Run#write} makes the lines durable and returns them pending; the
 * delete runs; the transaction commits; then {@link PendingBatch#confirm()} — or {@link PendingBatch#abandon()}
 * when the delete did not commit. A batch left pending by a run that died in between is settled by the next
 * run's {@link #recover}: kept when its conversations are gone from the database (the delete committed),
 * dropped when they are still there (they will be archived again, once).
 */
public interface ArchiveSink {

    /** Settles every batch an earlier run left pending. {@code stillPresent} says whether any of those conversations still exists. */
    void recover(Predicate<Collection<UUID>> stillPresent);

    /** Begins the archive of one run; nothing is created until its first batch. */
    Run open(String runId, Instant startedAt);

    /** The archive of one run. Not thread-safe: a run writes its batches one after the other. */
    interface Run extends AutoCloseable {

        /**
         * Writes one batch: the lines {@code source} emits for {@code conversationIds}, durably (fsync) when it
         * returns. Throws when they could not be made durable, so the caller's delete must not commit.
         */
        PendingBatch write(Collection<UUID> conversationIds, LineSource source);

        /** Where this run's archive is, for the report; null while nothing was written. */
        String location();

        @Override
        void close();
    }

    /** Emits the archive lines of one batch. */
    @FunctionalInterface
    interface LineSource {
        void emit(Consumer<ArchiveLine> out);
    }

    /** A durable batch whose delete has not been seen to commit yet. */
    interface PendingBatch {

        /** The delete committed: the lines are final. */
        void confirm();

        /** The delete did not commit: the lines are removed (the conversations will be archived again). */
        void abandon();
    }
}
