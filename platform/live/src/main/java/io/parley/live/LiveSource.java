package io.parley.live;

/**
 * Where a stream's events come from: the database, read after a position. Called on a shared reader
 * thread, never concurrently for one stream; may block on JDBC. A failure (the database is away) is
 * retried later with backoff and after the notification connection comes back.
 *
 * @param <P> the stream's position: what it delivered last (e.g. a message seq, a ticket change number)
 */
@FunctionalInterface
public interface LiveSource<P> {

    /**
     * At most about {@code limit} events after {@code position}, oldest first. {@code changes} is what the
     * notifications since the last read named, so that a source can read only that part (one statement for
     * the common event); a source with one kind of event may ignore it. Never {@link LiveChanges#NONE}; what
     * was asked stays asked until a read of it returns without {@code more}.
     */
    LiveBatch<P> readAfter(P position, int limit, LiveChanges changes);
}
