package io.parley.live;

/**
 * No stream was opened: this instance holds its maximum of open streams (503, try later or another
 * instance), or this caller holds its maximum (429). Thrown before the response starts.
 */
public class StreamLimitException extends RuntimeException {

    /** Which limit was reached. */
    public enum Limit {
        INSTANCE, CALLER
    }

    private final Limit limit;

    public StreamLimitException(Limit limit) {
        super(limit == Limit.INSTANCE ? "This instance holds as many event streams as it may; retry later."
                : "You hold as many event streams as one caller may; close one first.", null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
