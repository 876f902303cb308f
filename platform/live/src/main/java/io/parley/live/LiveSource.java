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

    /** At most about {@code limit} events after {@code position}, oldest first. */
    LiveBatch<P> readAfter(P position, int limit);

    /**
     * The same, told what the notifications since the last read named, so that a source can read only
     * that part (one statement for the common event). Never called with {@link LiveChanges#NONE}; what
     * was asked stays asked until a read of it returns without {@code more}. By default everything is read.
     */
    default LiveBatch<P> readAfter(P position, int limit, LiveChanges changes) {
        return readAfter(position, limit);
    }
}
